import fc from 'fast-check';
import { isUtcInstant, parseRfc3339 } from './utc-instant';

describe('UTC instants', () => {
  it.each([
    '2026-11-20T14:05:00Z',
    '2024-02-29T00:00:00Z',
    '2026-11-20T14:05:00.123Z',
    '2026-11-20T14:05:00.123456789Z',
    '0001-01-01T00:00:00Z',
    '9999-12-31T23:59:59.999Z',
  ])('accepts %s', (value) => expect(isUtcInstant(value)).toBe(true));

  it.each([
    ['Feb 30', '2026-02-30T00:00:00Z'],
    ['Feb 29 of a common year', '2026-02-29T00:00:00Z'],
    ['Feb 29 of 1900', '1900-02-29T00:00:00Z'],
    ['April 31', '2026-04-31T00:00:00Z'],
    ['year 0000', '0000-01-01T00:00:00Z'],
    ['month 13', '2026-13-01T00:00:00Z'],
    ['day 0', '2026-01-00T00:00:00Z'],
    ['hour 24', '2026-01-01T24:00:00Z'],
    ['a leap second', '2026-12-31T23:59:60Z'],
    ['an offset', '2026-01-01T00:00:00+01:00'],
    ['no seconds', '2026-01-01T00:00Z'],
    ['a week date', '2026-W01-1T00:00:00Z'],
    ['a six-digit year', '+012026-01-01T00:00:00Z'],
    ['ten fraction digits', '2026-01-01T00:00:00.1234567890Z'],
    ['a NUL', '2026-01-01T00:00:00Z\u0000'],
    ['a number', 1767225600000],
  ])('refuses %s', (_, value) => expect(isUtcInstant(value)).toBe(false));

  it('reads RFC 3339 offsets, refusing instants outside years 0001-9999 in UTC', () => {
    expect(parseRfc3339('2026-11-20T10:00:00+02:00')).toBe(Date.parse('2026-11-20T08:00:00Z'));
    expect(parseRfc3339('2026-11-20t10:00:00.5z')).toBe(Date.parse('2026-11-20T10:00:00.500Z'));
    expect(parseRfc3339('9999-12-31T23:00:00-05:00')).toBeUndefined();
    expect(parseRfc3339('0001-01-01T00:30:00+01:00')).toBeUndefined();
    expect(parseRfc3339('0050-06-01T00:00:00Z')).toBe(Date.parse('0050-06-01T00:00:00Z'));
    expect(parseRfc3339('2026-02-30T00:00:00+01:00')).toBeUndefined();
    expect(parseRfc3339('2026-01-01T00:00:00+24:00')).toBeUndefined();
  });

  it('agrees with Date on every real instant it accepts and round-trips it (property)', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('0001-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59.999Z'), noInvalidDate: true }),
        (date) => {
          const text = date.toISOString();
          expect(isUtcInstant(text)).toBe(true);
          expect(parseRfc3339(text)).toBe(date.getTime());
        },
      ),
    );
  });

  it('never throws and accepts only what Date reads back the same (property)', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const accepted = isUtcInstant(text);
        if (accepted) expect(new Date(parseRfc3339(text)!).toISOString().slice(0, 19)).toBe(text.slice(0, 19));
      }),
    );
  });
});
