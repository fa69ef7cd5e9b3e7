import { screen, within } from '@testing-library/react';
import type { RackDetail, RackEvaluation } from '../api';
import { stubFetch } from '../test-support/fetch-stub';
import { renderSignedIn, sessionOf } from '../test-support/render';
import { RackPage } from './rack-page';

const SERIAL = 'RK-G1-0007';
const rack = {
  serial: SERIAL,
  generation: 'G1',
  lot: 'B',
  site: 'PHX-1',
  deliveryReference: 'DLV 2026/11-07',
  state: 'IN_EVALUATION',
  receivedAt: '2026-11-20T13:00:00.000Z',
  updatedAt: '2026-12-14T10:30:00.000Z',
  version: 5,
  bomCost: '1250000.00',
  bomCurrency: 'USD',
  domesticContentPct: '62.50',
  domesticContentTargetPct: '60.00',
  meetsDomesticContentTarget: true,
  incarnation: 2,
  incarnations: [
    { incarnation: 1, since: '2026-11-20T13:00:00.000Z' },
    { incarnation: 2, since: '2026-12-14T10:30:00.000Z', rmaNumber: 'RMA-2026-0042', kind: 'REPAIRED' },
  ],
  replacesSerial: null,
  replacedBy: null,
  hold: null,
  withdrawnAt: null,
  optionState: 'PENDING_EVALUATION',
  bom: [],
  inspections: [],
  history: [],
} as unknown as RackDetail;
const evaluation = {
  rackSerial: SERIAL,
  generation: 'G1',
  incarnation: 2,
  outcome: 'PENDING',
  status: 'PENDING',
  failedSuites: [],
  suites: [],
  criteriaMet: 0,
  criteriaTotal: 3,
  verdicts: [
    {
      incarnation: 1,
      revision: 1,
      outcome: 'FAILED',
      criteriaMet: 1,
      criteriaTotal: 3,
      failedSuites: ['burn-in'],
      concludedAt: '2026-11-29T10:00:00.000Z',
    },
  ],
  reopenings: [],
  restarts: [
    {
      incarnation: 2,
      previousIncarnation: 1,
      previousStatus: 'CONCLUDED',
      previousOutcome: 'FAILED',
      previousRevision: 1,
      rmaId: '4a1c2b3d-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
      rmaNumber: 'RMA-2026-0042',
      kind: 'REPAIRED',
      reason: 'returned from RMA RMA-2026-0042 as incarnation 2 (repaired)',
      actor: 'ines',
      returnedAt: '2026-12-14T10:30:00.000Z',
    },
  ],
  diagnosisCriteria: [],
} as unknown as RackEvaluation;

describe('rack page', () => {
  beforeEach(() => sessionStorage.clear());

  it('links the delivery and shows the restart after the RMA in the evaluation, before the new incarnation has a verdict', async () => {
    const none = { body: { items: [], nextCursor: null } };
    stubFetch({
      [`GET /api/intake/v1/racks/${SERIAL}`]: { body: rack },
      'GET /api/test-run/v1/runs': none,
      [`GET /api/results/v1/racks/${SERIAL}/evaluation`]: { body: evaluation },
      [`GET /api/intake/v1/racks/${SERIAL}/corrections`]: { body: { items: [] } },
      'GET /api/intake/v1/rmas': none,
      'GET /api/results/v1/findings': none,
    });
    renderSignedIn(<RackPage />, { session: sessionOf('vic', ['viewer']), path: `/racks/${SERIAL}`, pattern: '/racks/:serial' });

    const delivery = await screen.findByRole('link', { name: 'DLV 2026/11-07' });
    expect(delivery.getAttribute('href')).toBe('/deliveries/DLV%202026%2F11-07');
    const restart = await screen.findByText(/Restarted after RMA RMA-2026-0042/);
    expect(restart.textContent).toContain('incarnation 1 had come to failed (revision 1)');
    const history = screen.getByRole('table', { name: 'Verdict revisions' });
    // Incarnation 2 has no verdict yet: every verdict is about incarnation 1, so no column tells them apart.
    expect(within(history).queryByRole('columnheader', { name: 'Incarnation' })).toBeNull();
  });
});
