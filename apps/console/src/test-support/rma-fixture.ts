import type { Rma, RmaDetail, RmaUnit } from '../api';

/** RMA-2026-0042, opened for RK-G1-0007 and not shipped yet, as GET /v1/rmas lists it; `change` makes it another. */
export function rmaFixture(change: Partial<Rma> = {}): Rma {
  return {
    id: '4a1c2b3d-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
    rmaNumber: 'RMA-2026-0042',
    state: 'OPEN',
    serials: ['RK-G1-0007'],
    findingIds: [],
    createdBy: 'ines',
    createdAt: '2026-11-29T10:00:00.000Z',
    shippedAt: null,
    receivedAt: null,
    updatedAt: '2026-11-29T10:00:00.000Z',
    version: 1,
    ...change,
  };
}

/** Its unit RK-G1-0007 (lot B of G1), awaiting return and not back yet. */
export function rmaUnitFixture(change: Partial<RmaUnit> = {}): RmaUnit {
  return {
    serial: 'RK-G1-0007',
    generation: 'G1',
    lot: 'B',
    state: 'AWAITING_RETURN',
    receivedAt: null,
    kind: null,
    replacementSerial: null,
    incarnation: null,
    note: null,
    ...change,
  };
}

/** The same RMA as GET /v1/rmas/{id} shows it: no notes, files or history yet. */
export function rmaDetailFixture(change: Partial<RmaDetail> = {}): RmaDetail {
  return {
    ...rmaFixture(),
    notes: null,
    shippedBy: null,
    cancelledAt: null,
    cancelledBy: null,
    cancelReason: null,
    receivedBy: null,
    attachments: [],
    units: [rmaUnitFixture()],
    history: [],
    ...change,
  };
}
