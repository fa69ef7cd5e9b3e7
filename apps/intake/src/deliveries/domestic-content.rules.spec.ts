import { costFigures, domesticContent, meetsTarget } from './domestic-content.rules';

const line = (quantity: number, unitCost: string, countryOfOrigin: string) => ({ quantity, unitCost, countryOfOrigin });

describe('domesticContent', () => {
  const sut = domesticContent;

  it('is the US-origin share of the exact cost', () => {
    const result = sut([line(8, '30000.00', 'US'), line(2, '10000.00', 'TW')]);
    expect(result.bomCost.toFixed(2)).toBe('260000.00');
    expect(result.domesticCost.toFixed(2)).toBe('240000.00');
    expect(result.pct.toFixed(2)).toBe('92.31');
  });

  it('computes exactly where floating point would drift', () => {
    // 0.1 + 0.2 in floats is 0.30000000000000004; here 3 × 0.1 of 0.3 is exactly 100 %.
    expect(sut([line(1, '0.1', 'US'), line(1, '0.2', 'US')]).pct.toFixed(2)).toBe('100.00');
    expect(sut([line(3, '0.1000', 'US'), line(1, '0.0001', 'DE')]).bomCost.toFixed(4)).toBe('0.3001');
  });

  it('rounds once, half to even, at 2 decimals', () => {
    // 1/8 = 12.5 % exactly; 1/6 = 16.666… → 16.67; 0.125 % → 0.12 (half to even); 0.375 % → 0.38
    expect(sut([line(1, '1', 'US'), line(7, '1', 'CN')]).pct.toFixed(2)).toBe('12.50');
    expect(sut([line(1, '1', 'US'), line(5, '1', 'CN')]).pct.toFixed(2)).toBe('16.67');
    expect(sut([line(1, '1.25', 'US'), line(1, '998.75', 'CN')]).pct.toFixed(2)).toBe('0.12');
    expect(sut([line(1, '3.75', 'US'), line(1, '996.25', 'CN')]).pct.toFixed(2)).toBe('0.38');
  });

  it('gives 0.00 % for a zero-cost BOM instead of dividing by zero', () => {
    const result = sut([line(4, '0.00', 'US'), line(1, '0', 'MX')]);
    expect(result.bomCost.isZero()).toBe(true);
    expect(result.pct.toFixed(2)).toBe('0.00');
  });

  it('is 0 % without US parts and 100 % with only US parts', () => {
    expect(sut([line(1, '10', 'DE')]).pct.toFixed(2)).toBe('0.00');
    expect(sut([line(1, '10', 'US')]).pct.toFixed(2)).toBe('100.00');
  });
});

describe('meetsTarget', () => {
  it('is met at or above the target', () => {
    expect(meetsTarget('65.00', '65')).toBe(true);
    expect(meetsTarget('64.99', '65.00')).toBe(false);
    expect(meetsTarget('100.00', '99.99')).toBe(true);
  });
});

describe('costFigures', () => {
  it('shows the stored figures to the cent and sets the domestic content against the target', () => {
    expect(costFigures({ bomCost: '260000', bomCurrency: 'USD', domesticContentPct: '92.3077', targetPct: '95' })).toEqual({
      bomCost: '260000.00',
      bomCurrency: 'USD',
      domesticContentPct: '92.31',
      domesticContentTargetPct: '95.00',
      meetsDomesticContentTarget: false,
    });
  });
});
