import { fixOfReturn, rmaShipmentStep } from './finding-rma.rules';

const rma = { rmaId: '3f6b1f0e-8c1a-4f43-9d0e-2a7e5b9c4d21', rmaNumber: 'RMA-2026-0042' };

describe('findings on an RMA', () => {
  it('reports a triaged finding to the manufacturer on the RMA shipped', () => {
    expect(rmaShipmentStep({ state: 'TRIAGED', rmaId: null }, rma)).toEqual({
      kind: 'report',
      note: 'reported to the manufacturer on RMA RMA-2026-0042',
    });
  });

  it('only links a finding in any other state, saying it stays in that state', () => {
    expect(rmaShipmentStep({ state: 'OPEN', rmaId: null }, rma)).toEqual({
      kind: 'link',
      note: 'on RMA RMA-2026-0042, shipped to the manufacturer; the finding stays OPEN',
    });
    expect(rmaShipmentStep({ state: 'FIX_PROPOSED', rmaId: 'a3c7cf5e-9a59-4bd1-8f4f-0d1d2e3f4a5b' }, rma).kind).toBe('link');
    expect(rmaShipmentStep({ state: 'REPORTED_TO_MANUFACTURER', rmaId: null }, rma).kind).toBe('link');
  });

  it('leaves a finding already on the RMA as it is (the shipment read again)', () => {
    expect(rmaShipmentStep({ state: 'REPORTED_TO_MANUFACTURER', rmaId: rma.rmaId }, rma)).toEqual({ kind: 'none' });
    expect(rmaShipmentStep({ state: 'TRIAGED', rmaId: rma.rmaId }, rma)).toEqual({ kind: 'none' });
  });

  it('words the fix a returned unit proposes', () => {
    expect(fixOfReturn({ kind: 'REPAIRED', rmaNumber: 'RMA-2026-0042', incarnation: 2 })).toBe(
      'unit returned repaired under RMA RMA-2026-0042 (incarnation 2)',
    );
    expect(fixOfReturn({ kind: 'REPLACED', rmaNumber: 'RMA-2026-0042', incarnation: 3 })).toBe(
      'unit returned replaced under RMA RMA-2026-0042 (incarnation 3)',
    );
  });
});
