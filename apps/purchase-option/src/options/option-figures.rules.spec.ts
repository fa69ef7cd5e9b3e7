import { decimalFromNumber as sut, domesticContentMet, pricePerPerformanceUnit } from './option-figures.rules';

describe('option figures', () => {
  describe('decimalFromNumber', () => {
    it.each([
      [3200, '3200'],
      [0.1, '0.1'],
      [1234.5678, '1234.5678'],
      [1.5e-7, '0.00000015'],
      [2.5e21, '2500000000000000000000'],
      [-42.25, '-42.25'],
      [0, '0'],
    ])('%p is exactly %s', (value, expected) => {
      expect(sut(value)).toBe(expected);
    });

    it('refuses NaN and infinities', () => {
      expect(() => sut(Number.NaN)).toThrow(RangeError);
      expect(() => sut(Number.POSITIVE_INFINITY)).toThrow(RangeError);
    });
  });

  describe('pricePerPerformanceUnit', () => {
    it('divides exactly, rounded half-to-even to 6 places', () => {
      expect(pricePerPerformanceUnit('1250000.00', '3200')).toBe('390.625000');
      expect(pricePerPerformanceUnit('1000000.00', '3')).toBe('333333.333333');
      expect(pricePerPerformanceUnit('0.01', '0.08')).toBe('0.125000');
      expect(pricePerPerformanceUnit('1.00', '1600000')).toBe('0.000001');
      // exact halves go to the even neighbour
      expect(pricePerPerformanceUnit('1.00', '2000000')).toBe('0.000000');
      expect(pricePerPerformanceUnit('3.00', '2000000')).toBe('0.000002');
    });

    it('keeps money that floats would corrupt', () => {
      // 0.1 + 0.2 style drift cannot appear: 300000.30 / 3 is exactly 100000.1
      expect(pricePerPerformanceUnit('300000.30', '3')).toBe('100000.100000');
    });

    it('is null without a positive measurement', () => {
      expect(pricePerPerformanceUnit('100.00', null)).toBeNull();
      expect(pricePerPerformanceUnit('100.00', '0')).toBeNull();
      expect(pricePerPerformanceUnit('100.00', '-5')).toBeNull();
    });
  });

  it('compares domestic content against its target exactly', () => {
    expect(domesticContentMet('65.00', '65')).toBe(true);
    expect(domesticContentMet('64.99', '65.00')).toBe(false);
  });
});
