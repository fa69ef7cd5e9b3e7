import { refusal } from '../../../test/support/refusal';
import { BomLine, planCorrection } from './rack-correction.rules';

const line = (over: Partial<BomLine> = {}): BomLine => ({
  partNumber: 'GPU-TRAY',
  category: 'compute',
  quantity: 2,
  unitCost: '100.00',
  currency: 'USD',
  supplier: 'Acme',
  countryOfOrigin: 'TW',
  ...over,
});
const rack = (over: Partial<Parameters<typeof planCorrection>[0]> = {}) => ({
  serial: 'RK-1',
  state: 'IN_EVALUATION' as const,
  lot: 'LOT-1',
  site: 'PDX-1',
  bom: [line(), line({ partNumber: 'CDU', category: 'cooling', quantity: 1, unitCost: '200.00', countryOfOrigin: 'MX' })],
  bomCurrency: 'USD',
  ...over,
});

describe('rack record corrections', () => {
  it('recomputes domestic content and BOM cost from a corrected BOM, exactly', () => {
    const sut = planCorrection(rack(), {
      bom: [line(), line({ partNumber: 'CDU', category: 'cooling', quantity: 1, unitCost: '200.00', countryOfOrigin: 'US' })],
    });
    expect(sut.changed).toEqual(['bom']);
    expect(sut.after).toEqual({
      lot: 'LOT-1',
      site: 'PDX-1',
      domesticContentPct: '50.00',
      bomCost: '400.00',
      bomCurrency: 'USD',
      bomLines: 2,
    });
    expect(sut.bom).toHaveLength(2);
  });

  it('corrects lot and site alone, keeping the BOM figures', () => {
    const sut = planCorrection(rack(), { lot: 'LOT-2', site: 'PDX-2' });
    expect(sut.changed).toEqual(['lot', 'site']);
    expect(sut.after).toMatchObject({ lot: 'LOT-2', site: 'PDX-2', domesticContentPct: '0.00', bomCost: '400.00' });
    expect(sut.bom).toBeUndefined();
  });

  it('refuses a correction that changes nothing (422 NOTHING_TO_CORRECT), spelling differences of one cost included', () => {
    const same = rack().bom.map((l) => ({ ...l, unitCost: `${l.unitCost}00` }));
    expect(refusal(() => planCorrection(rack(), { lot: 'LOT-1', bom: same })).code).toBe('NOTHING_TO_CORRECT');
  });

  it('refuses a BOM in two currencies, naming the line', () => {
    const error = refusal(() => planCorrection(rack(), { bom: [line(), line({ currency: 'EUR' })] }));
    expect(error.code).toBe('MIXED_BOM_CURRENCIES');
    expect(error.details).toEqual([{ field: 'bom[1].currency', message: 'EUR differs from the BOM currency USD' }]);
  });

  it('refuses correcting a rack bought or returned (409 RACK_RECORD_CLOSED)', () => {
    for (const state of ['PURCHASED', 'RETURNED'] as const) {
      const error = refusal(() => planCorrection(rack({ state }), { lot: 'LOT-9' }));
      expect(error).toMatchObject({ code: 'RACK_RECORD_CLOSED', kind: 'conflict' });
      expect(error.message).toContain(state);
    }
    expect(planCorrection(rack({ state: 'AWAITING_RETURN' }), { lot: 'LOT-9' }).changed).toEqual(['lot']);
  });
});
