import { createHmac } from 'node:crypto';
import { backoffMs, expiryBands, signature } from './reminder.rules';

describe('reminder rules', () => {
  it('gives each threshold the band down to the next smaller one, so an option is reminded once per band', () => {
    expect(expiryBands('7,1')).toEqual([
      { days: 7, after: 1 },
      { days: 1, after: 0 },
    ]);
    expect(expiryBands('1,14,7,7')).toEqual([
      { days: 14, after: 7 },
      { days: 7, after: 1 },
      { days: 1, after: 0 },
    ]);
    expect(expiryBands('3')).toEqual([{ days: 3, after: 0 }]);
  });

  it('doubles the wait after each failure, capped at an hour', () => {
    expect([1, 2, 3, 4].map((n) => backoffMs(n, 30_000))).toEqual([30_000, 60_000, 120_000, 240_000]);
    expect(backoffMs(20, 30_000)).toBe(3_600_000);
  });

  it('signs the timestamp and the body together', () => {
    const expected = `sha256=${createHmac('sha256', 'k').update('1700000000.{"a":1}').digest('hex')}`;
    expect(signature('k', '1700000000', '{"a":1}')).toBe(expected);
    expect(signature('k', '1700000001', '{"a":1}')).not.toBe(expected);
  });
});
