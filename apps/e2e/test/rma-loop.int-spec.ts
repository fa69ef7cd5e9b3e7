/**
 * The loop back to the manufacturer, across the four services on the real broker and database:
 * a rack fails burn-in on a FAIL diagnosis from its harness; the finding results opens has the
 * harness log (sent with the OCPTV upload) as evidence and is triaged as a hardware defect on a
 * named BOM line; finance declines the failed rack, intake sends it back on an RMA (the finding is
 * reported to the manufacturer), the unit comes back repaired as the serial's second incarnation
 * (the finding's fix is proposed, the option reopens), passes its re-evaluation with fresh
 * attempts, and its option becomes exercisable; the finding is verified. Every step is read back
 * through the API; nothing is dead-lettered.
 */
import type { FindingState } from '@rackeval/api-client';
import {
  answer,
  BURN_IN_CRITERIA,
  burnInPlan,
  eventually,
  expectError,
  expectStatus,
  ocptvRun,
  PASSED_CHECKS,
  receiveRacks,
  SERVICES,
  setUpGeneration,
  waitFor,
} from '@rackeval/testing';
import { deadLetters, flowReads } from './support/flow-reads';
import { bom } from './support/programme-fixtures';
import { systemPerFile } from './support/system';

const SERIAL = 'RK-RMA-0001';
const RMA_NUMBER = 'RMA-2026-0420';
const PSU = 'PSU-33KW';
const HARNESS_LOG = [
  '2026-11-29T10:00:03Z burnin step=burn psu2 output 48.1 V',
  '2026-11-29T10:00:04Z burnin step=burn psu2 output 41.7 V (droop) -> diagnosis psu-shelf-fault FAIL',
  '',
].join('\n');
const LOG_FILE = 'burnin-psu2.log';
const BENCH_NOTES = 'bench repro 2026-11-29: shelf 2 droops to 41.6 V at 2.9 kW; shelves 1 and 3 steady\n';

describe('the RMA loop: a failed rack goes back to the manufacturer and returns repaired', () => {
  const sut = systemPerFile(async () => {
    await setUpGeneration(sut.api, {
      code: 'G1',
      name: 'Generation 1',
      // One required suite with one attempt: the failed attempt fails the rack.
      plan: burnInPlan(1),
      // Besides the metrics, no FAIL diagnosis may be reported in burn-in.
      criteria: {
        ...BURN_IN_CRITERIA,
        diagnosisCriteria: [{ suites: ['burn-in'], required: true, category: 'reliability' }],
      } as typeof BURN_IN_CRITERIA,
      terms: { unitPrice: '3950000.00', currency: 'USD', windowDays: 30, approvalThreshold: '9000000.00' },
      bays: ['BAY-1'],
    });
    await receiveRacks(sut.api, {
      reference: 'UPS-RMA-LOOP',
      racks: [{ serial: SERIAL, generation: 'G1', lot: 'LOT-7', bom: bom('high') }],
    });
    await untilOptionIs(SERIAL, 'PENDING_EVALUATION');
  });

  const ines = () => sut.api.as('ines');
  const tariq = () => sut.api.as('tariq');
  const fiona = () => sut.api.as('fiona');
  const { rackOf, untilRackIs, untilOptionIs } = flowReads(() => sut.api);
  const byId = (id: string) => ({ params: { path: { id } } });

  const findingOf = async (id: string) =>
    expectStatus(await answer(tariq().results.GET('/v1/findings/{id}', byId(id))), 200, `finding ${id}`);
  const untilFindingIs = (id: string, state: FindingState) =>
    waitFor(`finding ${id} ${state}`, async () => ((await findingOf(id)).state === state ? findingOf(id) : undefined), {
      timeoutMs: 30_000,
      intervalMs: 200,
    });

  /** What the harness reports for one burn-in: throughput, rack power, its diagnosis of PSU shelf 2, and its log if it sends one. */
  interface BurnIn {
    tokensPerS: number;
    kW: number;
    diagnosis: 'PASS' | 'FAIL';
    message: string;
    log?: string;
  }

  /**
   * Schedules burn-in on BAY-1 once test-run knows the rack is released, starts it, uploads the
   * harness's OCPTV stream (with its log file as a multipart part when there is one) and completes it.
   */
  async function burnIn({ tokensPerS, kW, diagnosis, message, log }: BurnIn): Promise<{ id: string; attempt: number }> {
    const run = await eventually(
      `schedule burn-in for ${SERIAL}`,
      () => answer(tariq().testRun.POST('/v1/runs', { body: { rackSerial: SERIAL, suite: 'burn-in', bay: 'BAY-1' } })),
      201,
    );
    expectStatus(await answer(tariq().testRun.POST('/v1/runs/{id}/start', byId(run.id))), 200, 'start burn-in');
    const stream = ocptvRun({
      serial: SERIAL,
      hardware: [{ hardwareInfoId: 'psu2', name: 'PSU shelf 2', partNumber: PSU }],
      artifacts: [
        { measurement: { name: 'training_throughput', unit: 'tokens/s', value: tokensPerS } },
        { measurement: { name: 'rack_power', unit: 'kW', value: kW } },
        { diagnosis: { verdict: 'psu-shelf-fault', type: diagnosis, message, hardwareInfoId: 'psu2' } },
        ...(log ? [{ file: { displayName: 'Harness log', uri: `file:///var/log/burnin/${LOG_FILE}`, isSnapshot: false } }] : []),
      ],
      result: diagnosis,
    });
    const upload = () => {
      if (!log)
        return {
          body: stream as never,
          bodySerializer: (body: unknown) => body as never,
          headers: { 'content-type': 'application/x-ndjson' },
        };
      const form = new FormData();
      form.append('stream', new Blob([stream], { type: 'application/x-ndjson' }), 'burnin.ndjson');
      form.append(LOG_FILE, new Blob([log], { type: 'text/plain' }), LOG_FILE);
      return { body: form as never, bodySerializer: (body: unknown) => body as never };
    };
    await eventually(
      'upload the OCPTV stream',
      () => answer(tariq().results.POST('/v1/runs/{runId}/ocptv', { params: { path: { runId: run.id } }, ...upload() })),
      201,
    );
    expectStatus(await answer(tariq().testRun.POST('/v1/runs/{id}/complete', byId(run.id))), 200, 'complete burn-in');
    return { id: run.id, attempt: run.attempt };
  }

  it('closes the loop: fail, find, triage, return, repair, re-evaluate, exercisable', async () => {
    // 1. Burn-in fails on the harness's FAIL diagnosis of PSU shelf 2 (the figures alone would pass).
    const failed = await burnIn({
      tokensPerS: 3400,
      kW: 121,
      diagnosis: 'FAIL',
      message: 'shelf 2 output droops under load',
      log: HARNESS_LOG,
    });
    expect(failed.attempt).toBe(1);
    await untilRackIs(SERIAL, 'EVALUATION_FAILED');

    // 2. A finding opens for the diagnosis with the harness log that came with the OCPTV upload as its
    //    evidence; the engineer adds the notes of a bench reproduction.
    const opened = await waitFor('the diagnosis finding', async () => {
      const { data } = await tariq().results.GET('/v1/findings', { params: { query: { run: failed.id } } });
      return data?.items.find((finding) => finding.origin === 'DIAGNOSIS');
    });
    expect(opened).toMatchObject({ rackSerial: SERIAL, lot: 'LOT-7', diagnosis: 'psu-shelf-fault', state: 'OPEN' });
    const withLog = await findingOf(opened.id);
    expect(withLog.runAttachments.map((file) => [file.filename, file.size])).toEqual([[LOG_FILE, Buffer.byteLength(HARNESS_LOG)]]);
    const logDownload = await tariq().results.GET('/v1/runs/{runId}/attachments/{attachmentId}', {
      params: { path: { runId: failed.id, attachmentId: withLog.runAttachments[0].id } },
      parseAs: 'text',
    });
    expect(logDownload.data).toBe(HARNESS_LOG);
    const attached = expectStatus(
      await answer(
        tariq().results.POST('/v1/findings/{id}/attachments', {
          params: { path: { id: opened.id }, query: { filename: 'bench-repro.txt' } },
          body: BENCH_NOTES as never,
          bodySerializer: (body: unknown) => body as never,
          headers: { 'content-type': 'text/plain' },
        }),
      ),
      201,
      'attach the bench notes',
    );
    expect(attached).toMatchObject({ filename: 'bench-repro.txt', size: Buffer.byteLength(BENCH_NOTES) });

    // 3. Triaged as a hardware defect on the rack's PSU line: supplier and origin come from the BOM.
    const triaged = expectStatus(
      await answer(
        tariq().results.POST('/v1/findings/{id}/triage', {
          ...byId(opened.id),
          body: {
            failureClass: 'HARDWARE_DEFECT',
            component: { partNumber: PSU, location: 'PSU shelf 2' },
            note: 'droop reproduced on the bench',
          },
        }),
      ),
      200,
      'triage',
    );
    expect(triaged).toMatchObject({ state: 'TRIAGED', failureClass: 'HARDWARE_DEFECT', component: { partNumber: PSU } });

    // 4. Finance declines the failed rack; intake sends it back on an RMA that reports the finding.
    await untilOptionIs(SERIAL, 'NOT_EXERCISABLE');
    const declined = expectStatus(
      await answer(
        fiona().purchaseOption.POST('/v1/options/{rackSerial}/decision', {
          params: { path: { rackSerial: SERIAL } },
          body: { decision: 'DECLINE', rationale: 'PSU shelf fails burn-in; manufacturer to repair' },
        }),
      ),
      200,
      'decline',
    );
    expect(declined.state).toBe('DECLINED');
    await untilRackIs(SERIAL, 'AWAITING_RETURN');
    const rma = expectStatus(
      await answer(
        ines().intake.POST('/v1/rmas', {
          body: {
            rmaNumber: RMA_NUMBER,
            serials: [SERIAL],
            findingIds: [opened.id],
            notes: 'PSU shelf 2 droops under load; log on the finding',
          },
        }),
      ),
      201,
      'open the RMA',
    );
    const shippedAt = new Date(Date.now() - 60_000).toISOString();
    expectStatus(await answer(ines().intake.POST('/v1/rmas/{id}/ship', { ...byId(rma.id), body: { shippedAt } })), 200, 'ship');
    await untilRackIs(SERIAL, 'RETURNED_FOR_RMA');
    const reported = await untilFindingIs(opened.id, 'REPORTED_TO_MANUFACTURER');
    expect(reported).toMatchObject({ rmaNumber: RMA_NUMBER });

    // Nothing can be scheduled for a rack at the manufacturer.
    const away = await answer(tariq().testRun.POST('/v1/runs', { body: { rackSerial: SERIAL, suite: 'burn-in', bay: 'BAY-1' } }));
    expect(away.status).toBeGreaterThanOrEqual(400);
    expect(away.status).toBeLessThan(500);

    // 5. The unit comes back repaired under its serial: incarnation 2, received again.
    const received = expectStatus(
      await answer(
        ines().intake.POST('/v1/rmas/{id}/receive', {
          ...byId(rma.id),
          body: { receivedAt: new Date().toISOString(), units: [{ serial: SERIAL, kind: 'REPAIRED', note: 'PSU shelf 2 replaced' }] },
        }),
      ),
      200,
      'receive the repaired unit',
    );
    expect(received.state).toBe('RECEIVED');
    expectError(
      await answer(
        ines().intake.POST('/v1/rmas/{id}/receive', {
          ...byId(rma.id),
          body: { receivedAt: new Date().toISOString(), units: [{ serial: SERIAL, kind: 'REPAIRED' }] },
        }),
      ),
      409,
      'ILLEGAL_TRANSITION',
      'receive the same unit twice',
    );
    const back = await rackOf(SERIAL);
    expect(back).toMatchObject({ state: 'RECEIVED', incarnation: 2 });
    expect(back.incarnations.map((each) => each.incarnation)).toEqual([1, 2]);
    const fixProposed = await untilFindingIs(opened.id, 'FIX_PROPOSED');
    expect(fixProposed.history.at(-1)?.note ?? '').toContain(RMA_NUMBER);
    const reopened = await untilOptionIs(SERIAL, 'PENDING_EVALUATION');
    expect(reopened).toMatchObject({ incarnation: 2 });

    // 6. Inspected and released again; burn-in starts from attempt 1 and passes; the option becomes exercisable.
    expectStatus(
      await answer(
        ines().intake.POST('/v1/racks/{serial}/inspections', {
          params: { path: { serial: SERIAL } },
          body: { checks: PASSED_CHECKS, outcome: 'ACCEPTED' },
        }),
      ),
      201,
      're-inspect',
    );
    const passed = await burnIn({ tokensPerS: 3450, kW: 119, diagnosis: 'PASS', message: 'shelf 2 output steady' });
    expect(passed.attempt).toBe(1);
    await untilRackIs(SERIAL, 'EVALUATION_PASSED');
    const exercisable = await untilOptionIs(SERIAL, 'EXERCISABLE');
    expect(exercisable).toMatchObject({ incarnation: 2 });
    const evaluation = expectStatus(
      await answer(fiona().results.GET('/v1/racks/{serial}/evaluation', { params: { path: { serial: SERIAL } } })),
      200,
      'evaluation',
    );
    expect(evaluation).toMatchObject({ outcome: 'PASSED', status: 'CONCLUDED', incarnation: 2 });
    // The failed verdict of the first incarnation stays on record beside the pass of the second.
    expect(evaluation.verdicts.map((verdict) => [verdict.incarnation, verdict.outcome])).toEqual([
      [2, 'PASSED'],
      [1, 'FAILED'],
    ]);

    // 7. The fix is verified; the finding keeps its evidence and its whole story.
    expectStatus(
      await answer(
        tariq().results.POST('/v1/findings/{id}/verify', { ...byId(opened.id), body: { note: 'repaired unit passed burn-in' } }),
      ),
      200,
      'verify',
    );
    const verified = await findingOf(opened.id);
    expect(verified.state).toBe('VERIFIED');
    expect(verified.attachments.map((file) => file.filename)).toEqual(['bench-repro.txt']);
    expect(verified.runAttachments.map((file) => file.filename)).toEqual([LOG_FILE]);
    expect([...new Set(verified.history.map((entry) => entry.toState))]).toEqual([
      'OPEN',
      'TRIAGED',
      'REPORTED_TO_MANUFACTURER',
      'FIX_PROPOSED',
      'VERIFIED',
    ]);

    for (const service of SERVICES) {
      expect({ service, deadLetters: await deadLetters(service) }).toEqual({ service, deadLetters: [] });
    }
  });
});
