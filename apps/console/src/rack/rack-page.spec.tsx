import { screen, within } from '@testing-library/react';
import type { RackDetail } from '../api';
import { evaluationFixture, rmaRestartFixture } from '../test-support/evaluation-fixture';
import { stubFetch } from '../test-support/fetch-stub';
import { renderSignedIn, sessionOf } from '../test-support/render';
import { runFixture, secondIncarnationRunFixture } from '../test-support/run-fixture';
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
const evaluation = evaluationFixture({
  rackSerial: SERIAL,
  incarnation: 2,
  outcome: 'PENDING',
  status: 'PENDING',
  criteriaMet: 0,
  restarts: [rmaRestartFixture],
});

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

  it("tells the returned unit's runs from the first unit's in the Runs table, the current incarnation first", async () => {
    const none = { body: { items: [], nextCursor: null } };
    stubFetch({
      [`GET /api/intake/v1/racks/${SERIAL}`]: { body: rack },
      'GET /api/test-run/v1/runs': { body: { items: [runFixture(), secondIncarnationRunFixture()], nextCursor: null } },
      [`GET /api/results/v1/racks/${SERIAL}/evaluation`]: { body: evaluation },
      [`GET /api/intake/v1/racks/${SERIAL}/corrections`]: { body: { items: [] } },
      'GET /api/intake/v1/rmas': none,
      'GET /api/results/v1/findings': none,
    });
    renderSignedIn(<RackPage />, { session: sessionOf('vic', ['viewer']), path: `/racks/${SERIAL}`, pattern: '/racks/:serial' });

    const runs = await screen.findByRole('table', { name: 'Runs' });
    expect(within(runs).getByRole('columnheader', { name: 'Incarnation' })).toBeTruthy();
    const [current, earlier] = within(runs).getAllByRole('row').slice(1);
    expect(within(current).getByRole('cell', { name: '2' })).toBeTruthy();
    expect(within(earlier).getByRole('cell', { name: '1' })).toBeTruthy();
  });
});
