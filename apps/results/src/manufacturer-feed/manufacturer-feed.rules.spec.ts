import { ManufacturerFindingFeedV1 } from '@rackeval/contracts';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import type { FindingRecord } from '../findings/finding.model';
import {
  attemptOutcome,
  downloadPathOf,
  feedBodyOf,
  findingCopyOf,
  leaseMsFor,
  type QueuedDelivery,
  retryInMs,
} from './manufacturer-feed.rules';

const FINDING_ID = '3f1c2a9e-8b7d-4c6e-9f10-2a3b4c5d6e7f';
const RUN_ID = '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d';
const LOG_ID = '0b7f8a7e-5f0e-4d7e-9c56-3a4b5c6d7e8f';
const PDF_ID = '1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f';

const queued = (overrides: Partial<QueuedDelivery> = {}): QueuedDelivery => ({
  id: '12',
  eventId: 'c0ffee00-1234-4abc-8def-0123456789ab',
  findingId: FINDING_ID,
  type: 'finding.reported',
  occurredAt: '2026-11-30T10:15:00.000Z',
  note: null,
  finding: {
    id: FINDING_ID,
    rack_serial: 'RK-G7-001',
    generation: 'G7',
    lot: 'LOT-B',
    run_id: RUN_ID,
    criterion: 'rack.power',
    diagnosis: null,
    title: 'rack.power 150 kW above 120 kW',
    failure_class: 'POWER',
    component: { partNumber: 'PSU-3KW-A', supplier: 'Delta Electronics', countryOfOrigin: 'TW', category: 'power' },
    state: 'REPORTED_TO_MANUFACTURER',
    rma_number: 'RMA-2026-0042',
    version: 3,
  },
  evidence: [
    {
      id: LOG_ID,
      subject: 'FINDING',
      subjectId: FINDING_ID,
      filename: 'harness.log',
      mediaType: 'text/plain',
      size: '2048',
      sha256: 'a'.repeat(64),
    },
    {
      id: PDF_ID,
      subject: 'RUN',
      subjectId: RUN_ID,
      filename: 'thermal.pdf',
      mediaType: 'application/pdf',
      size: 10,
      sha256: 'b'.repeat(64),
    },
  ],
  attempts: 0,
  roundAttempts: 0,
  ...overrides,
});

describe('manufacturer feed rules', () => {
  it('builds a body that is valid under the published contract, with evidence downloadable through the gateway', () => {
    const sut = feedBodyOf(queued());

    expect(sut).toEqual({
      schema: 'rackeval.manufacturer.finding.v1',
      eventId: 'c0ffee00-1234-4abc-8def-0123456789ab',
      type: 'finding.reported',
      occurredAt: '2026-11-30T10:15:00.000Z',
      finding: {
        id: FINDING_ID,
        rackSerial: 'RK-G7-001',
        generation: 'G7',
        lot: 'LOT-B',
        runId: RUN_ID,
        criterion: 'rack.power',
        title: 'rack.power 150 kW above 120 kW',
        failureClass: 'POWER',
        component: { partNumber: 'PSU-3KW-A', supplier: 'Delta Electronics', countryOfOrigin: 'TW', category: 'power' },
        state: 'REPORTED_TO_MANUFACTURER',
        rmaNumber: 'RMA-2026-0042',
        version: 3,
      },
      evidence: [
        {
          attachmentId: LOG_ID,
          attachedTo: 'FINDING',
          filename: 'harness.log',
          mediaType: 'text/plain',
          size: 2048,
          sha256: 'a'.repeat(64),
          downloadPath: `/api/results/v1/findings/${FINDING_ID}/attachments/${LOG_ID}`,
        },
        {
          attachmentId: PDF_ID,
          attachedTo: 'RUN',
          filename: 'thermal.pdf',
          mediaType: 'application/pdf',
          size: 10,
          sha256: 'b'.repeat(64),
          downloadPath: `/api/results/v1/runs/${RUN_ID}/attachments/${PDF_ID}`,
        },
      ],
    });
    expect(validateSync(plainToInstance(ManufacturerFindingFeedV1, sut))).toEqual([]);
  });

  it('leaves out what the finding does not have, and carries the note of the change', () => {
    const finding = {
      ...queued().finding,
      lot: null,
      run_id: null,
      criterion: null,
      failure_class: null,
      component: null,
      rma_number: null,
    };
    const sut = feedBodyOf(queued({ type: 'finding.wont-fix', note: 'not reproducible at the factory', finding, evidence: [] }));

    expect(sut.note).toBe('not reproducible at the factory');
    expect(Object.keys(sut.finding).sort()).toEqual(['generation', 'id', 'rackSerial', 'state', 'title', 'version']);
    expect(sut.evidence).toEqual([]);
    expect(validateSync(plainToInstance(ManufacturerFindingFeedV1, sut))).toEqual([]);
  });

  it('sends the finding as it stood right after the change, from the copy queued with it', () => {
    const finding: FindingRecord = {
      id: FINDING_ID,
      origin: 'RUN',
      rackSerial: 'RK-G7-001',
      generation: 'G7',
      lot: 'LOT-B',
      runId: RUN_ID,
      criterion: 'rack.power',
      diagnosis: null,
      title: 'rack.power 150 kW above 120 kW',
      failureClass: 'POWER',
      component: { partNumber: 'PSU-3KW-A', supplier: 'Delta Electronics', countryOfOrigin: 'TW', category: 'power' },
      owner: 'tess',
      state: 'REPORTED_TO_MANUFACTURER',
      rmaId: '5d6e7f80-1a2b-4c3d-8e4f-5a6b7c8d9e0f',
      rmaNumber: 'RMA-2026-0042',
      groupKey: 'rack.power|PSU-3KW-A|POWER',
      version: 3,
      openedBy: 'results',
      openedAt: '2026-11-30T09:00:00.000Z',
      updatedAt: '2026-11-30T10:15:00.000Z',
    };

    const sut = findingCopyOf(finding);

    expect(sut).toEqual(queued().finding);
    expect(feedBodyOf(queued({ finding: sut }))).toEqual(feedBodyOf(queued()));
  });

  it('is the same body on every attempt', () => {
    expect(JSON.stringify(feedBodyOf(queued({ attempts: 3, roundAttempts: 3 })))).toBe(JSON.stringify(feedBodyOf(queued())));
  });

  it('delivers on a 2xx, retries a failure while attempts are left, and gives up on the last one', () => {
    expect(attemptOutcome(null, 1, 3)).toBe('DELIVERED');
    expect(attemptOutcome(null, 3, 3)).toBe('DELIVERED');
    expect(attemptOutcome('receiver answered 500', 1, 3)).toBe('RETRY');
    expect(attemptOutcome('receiver answered 500', 2, 3)).toBe('RETRY');
    expect(attemptOutcome('connect ECONNREFUSED', 3, 3)).toBe('GAVE_UP');
    expect(attemptOutcome('receiver answered 500', 1, 1)).toBe('GAVE_UP');
  });

  it('waits base, then twice as long after each further failure, and not at all once settled', () => {
    expect([1, 2, 3, 4].map((n) => retryInMs('RETRY', n, 1_000))).toEqual([1_000, 2_000, 4_000, 8_000]);
    expect(retryInMs('RETRY', 30, 1_000)).toBe(3_600_000);
    expect(retryInMs('DELIVERED', 2, 1_000)).toBe(0);
    expect(retryInMs('GAVE_UP', 8, 1_000)).toBe(0);
  });

  it('leases a delivery long enough for a POST to time out and be recorded', () => {
    expect(leaseMsFor(10_000)).toBeGreaterThan(10_000);
  });

  it('points at the finding or the run the file is attached to', () => {
    expect(downloadPathOf({ id: LOG_ID, subject: 'FINDING', subjectId: FINDING_ID })).toBe(
      `/api/results/v1/findings/${FINDING_ID}/attachments/${LOG_ID}`,
    );
    expect(downloadPathOf({ id: PDF_ID, subject: 'RUN', subjectId: RUN_ID })).toBe(`/api/results/v1/runs/${RUN_ID}/attachments/${PDF_ID}`);
  });
});
