import { daysLeft, expiryOf } from './option-window.rules';

describe('option window', () => {
  it('counts days left rounded up, zero once closed, null without expiry', () => {
    const now = new Date('2026-01-01T00:00:00.000Z');
    expect(daysLeft(new Date('2026-01-01T03:00:00.000Z'), now)).toBe(1);
    expect(daysLeft(new Date('2026-01-31T00:00:00.000Z'), now)).toBe(30);
    expect(daysLeft(new Date('2025-12-31T00:00:00.000Z'), now)).toBe(0);
    expect(daysLeft(null, now)).toBeNull();
  });

  it('closes the window windowDays after the verdict; zero days closes it at the verdict', () => {
    const verdict = new Date('2026-01-01T10:00:00.000Z');
    expect(expiryOf(verdict, 30).toISOString()).toBe('2026-01-31T10:00:00.000Z');
    expect(expiryOf(verdict, 0).toISOString()).toBe(verdict.toISOString());
  });
});
