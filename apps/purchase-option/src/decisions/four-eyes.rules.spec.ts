import { exceedsThreshold as sut } from './four-eyes.rules';

describe('four-eyes threshold', () => {
  it('is strictly above, compared exactly whatever the scale', () => {
    expect(sut('1000000.01', '1000000')).toBe(true);
    expect(sut('1000000.00', '1000000')).toBe(false);
    expect(sut('999999.99', '1000000.00')).toBe(false);
    expect(sut('10000000000000000000000.01', '10000000000000000000000.00')).toBe(true);
  });
});
