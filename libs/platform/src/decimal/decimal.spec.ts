import { Decimal } from './decimal';

const d = (text: string) => Decimal.parse(text);

describe('Decimal', () => {
  it('adds money exactly where floating point would not', () => {
    expect(d('0.10').plus(d('0.20')).toFixed(2)).toBe('0.30');
    expect(Decimal.sum(['1250000.00', '0.01', '99.99'].map(d)).toFixed(2)).toBe('1250100.00');
  });

  it('multiplies quantity by unit cost', () => {
    expect(Decimal.of(12).times(d('1999.99')).toFixed(2)).toBe('23999.88');
  });

  it('divides with half-to-even rounding', () => {
    expect(d('1').dividedBy(d('3'), 4).toFixed()).toBe('0.3333');
    expect(d('2').dividedBy(d('3'), 2).toFixed()).toBe('0.67');
    expect(d('0.125').round(2).toFixed()).toBe('0.12');
    expect(d('0.135').round(2).toFixed()).toBe('0.14');
    expect(d('-0.125').round(2).toFixed()).toBe('-0.12');
  });

  it('computes a cost share as a percentage', () => {
    const share = d('41500.00').times(Decimal.of(100)).dividedBy(d('100000.00'), 2);
    expect(share.toFixed(2)).toBe('41.50');
  });

  it('compares across scales', () => {
    expect(d('40').compare(d('40.00'))).toBe(0);
    expect(d('39.99').compare(d('40'))).toBe(-1);
    expect(d('-1').minus(d('2')).toFixed(1)).toBe('-3.0');
  });

  it('refuses what is not a decimal, and floats that are not exact integers', () => {
    expect(() => d('1e3')).toThrow(/not a decimal/);
    expect(() => Decimal.of(0.1)).toThrow(/pass a string/);
    expect(() => d('1').dividedBy(d('0'), 2)).toThrow(/division by zero/);
  });
});
