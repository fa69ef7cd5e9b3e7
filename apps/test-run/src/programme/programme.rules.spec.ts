import { hours, sharePct, windowOf } from './programme.rules';

describe('programme rules (test-run)', () => {
  it('a share is part ÷ whole in percent, 2 decimals', () => {
    expect(sharePct('1', '3')).toBe('33.33');
    expect(sharePct('2', '3')).toBe('66.67');
    expect(sharePct('86400', '86400')).toBe('100.00');
  });

  it('there is no share of nothing: no bays means null, not 0 % or a division error', () => {
    expect(sharePct('0', '0')).toBeNull();
  });

  it('seconds become bay-hours with 2 decimals', () => {
    expect(hours('5400')).toBe('1.50');
    expect(hours('0')).toBe('0.00');
  });

  it('the window is the last N days up to now', () => {
    const sut = windowOf(new Date('2026-11-30T00:00:00.000Z'), 30);
    expect(sut.from.toISOString()).toBe('2026-10-31T00:00:00.000Z');
    expect(sut.to.toISOString()).toBe('2026-11-30T00:00:00.000Z');
  });
});
