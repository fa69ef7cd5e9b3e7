import { compareDecimal } from './decimal';
import { formatMoney } from './format';

describe('exact money', () => {
  it('compares decimal strings without floating point', () => {
    expect(compareDecimal('1000000.01', '1000000.00')).toBe(1);
    expect(compareDecimal('1000000', '1000000.00')).toBe(0);
    expect(compareDecimal('9.9', '10')).toBe(-1);
    expect(compareDecimal('12345678901234567890.01', '12345678901234567890.001')).toBe(1);
    expect(compareDecimal('abc', '1')).toBeNaN();
  });

  it('groups thousands of a decimal string as sent', () => {
    expect(formatMoney('1250000.00', 'USD')).toBe('1,250,000.00 USD');
    expect(formatMoney('42.1250')).toBe('42.1250');
    expect(formatMoney(null)).toBe('—');
  });
});
