import { dateCell, decimalCell, exactNumber, textCell } from './xlsx-cells';

describe('xlsx cells', () => {
  it('keeps a decimal as a number only when the double reads back as the same decimal', () => {
    expect(exactNumber('1250000.10')).toBe(1250000.1);
    expect(exactNumber('0.1')).toBe(0.1);
    expect(exactNumber('-3.5')).toBe(-3.5);
    expect(exactNumber('999999999999999')).toBe(999999999999999);
    expect(exactNumber('9007199254740993')).toBeNull();
    expect(exactNumber('12345678901234567.89')).toBeNull();
  });

  it('shows the decimal’s own scale and the currency', () => {
    expect(decimalCell('52.083338', 'USD')).toEqual({ value: 52.083338, numFmt: '#,##0.000000 "USD"' });
    expect(decimalCell('24000')).toEqual({ value: 24000, numFmt: '#,##0' });
    expect(decimalCell('1234567890123456.78', 'EUR')).toEqual({ value: '1234567890123456.78 EUR' });
    expect(decimalCell(null, 'USD')).toEqual({ value: null });
  });

  it('writes instants as dates and text through the formula rule', () => {
    expect(dateCell('2026-01-14T10:00:00.000Z').value).toEqual(new Date('2026-01-14T10:00:00.000Z'));
    expect(textCell('+1 555 0100').value).toBe(`'+1 555 0100`);
    expect(textCell('-3.5').value).toBe('-3.5');
    expect(textCell('RK-0001').value).toBe('RK-0001');
  });
});
