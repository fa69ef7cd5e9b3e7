import fc from 'fast-check';
import { isUtcInstant, parseRfc3339 } from '@rackeval/platform';
import { isoInstant, isoOf, isUtcInstantQuick, rfc3339Millis, utcInstantMillis } from './instant-check';

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** Date-times near the edges: field values around their limits, every separator and fraction length, offsets. */
const dateTime = fc
  .record({
    year: fc.oneof(fc.integer({ min: 0, max: 9999 }), fc.constantFrom(0, 1, 99, 100, 1900, 2000, 2024, 2100, 9999)),
    month: fc.integer({ min: 0, max: 13 }),
    day: fc.integer({ min: 0, max: 32 }),
    hours: fc.integer({ min: 0, max: 25 }),
    minutes: fc.integer({ min: 0, max: 60 }),
    seconds: fc.integer({ min: 0, max: 60 }),
    fraction: fc.oneof(fc.constant(''), fc.stringMatching(/^\.\d{0,10}$/), fc.constantFrom('.', '.a', '.1a')),
    t: fc.constantFrom('T', 't', ' ', 'X'),
    zone: fc.constantFrom('Z', 'z', '', '+00:00', '-05:30', '+23:59', '+24:00', 'ZZ', 'Zx'),
  })
  .map(
    (f) =>
      `${pad(f.year, 4)}-${pad(f.month, 2)}-${pad(f.day, 2)}${f.t}${pad(f.hours, 2)}:${pad(f.minutes, 2)}:${pad(f.seconds, 2)}${f.fraction}${f.zone}`,
  );

const anyText = fc.oneof(
  dateTime,
  fc.string({ maxLength: 32 }),
  dateTime.map((text) => text.replace(/\d/, '٣')), // a non-ASCII digit
  dateTime.map((text) => `${text} `),
);

describe('instant checks', () => {
  it.each([
    ['2026-11-20T14:05:00Z', true],
    ['2026-11-20T14:05:00.1Z', true],
    ['2026-11-20T14:05:00.123456789Z', true],
    ['2024-02-29T00:00:00Z', true],
    ['0001-01-01T00:00:00Z', true],
    ['9999-12-31T23:59:59.999Z', true],
    ['2026-11-20T14:05:00.Z', false],
    ['2026-11-20T14:05:00.1234567890Z', false],
    ['2026-02-29T00:00:00Z', false],
    ['2100-02-29T00:00:00Z', false],
    ['0000-01-01T00:00:00Z', false],
    ['2026-11-20T24:00:00Z', false],
    ['2026-11-20t14:05:00Z', false],
    ['2026-11-20T14:05:00+00:00', false],
    ['2026-11-20T14:05:00', false],
  ])('%s is a UTC instant: %s', (text, ok) => {
    expect(isUtcInstantQuick(text)).toBe(ok);
    expect(isUtcInstant(text)).toBe(ok);
  });

  it('refuses what is not a string', () => {
    for (const value of [undefined, null, 0, {}, [], new Date()]) {
      expect(isUtcInstantQuick(value)).toBe(false);
      expect(rfc3339Millis(value)).toBeUndefined();
    }
  });

  it('gives the verdicts of isUtcInstant', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        expect(isUtcInstantQuick(text)).toBe(isUtcInstant(text));
      }),
      { numRuns: 20_000 },
    );
  });

  it('reads the instants parseRfc3339 reads, years 1-99 included', () => {
    expect(utcInstantMillis('0050-03-01T12:00:00.5Z')).toBe(parseRfc3339('0050-03-01T12:00:00.5Z'));
    fc.assert(
      fc.property(anyText, (text) => {
        expect(rfc3339Millis(text)).toBe(parseRfc3339(text));
      }),
      { numRuns: 20_000 },
    );
  });

  it('writes the instant as toISOString does, reusing a text already in that form', () => {
    const canonical = '2026-11-20T10:00:00.010Z';
    expect(isoOf(canonical, rfc3339Millis(canonical)!)).toBe(canonical);
    fc.assert(
      fc.property(anyText, (text) => {
        const millis = rfc3339Millis(text);
        if (millis !== undefined) expect(isoOf(text, millis)).toBe(new Date(millis).toISOString());
      }),
      { numRuns: 20_000 },
    );
  });

  it('writes an RFC 3339 date-time as toISOString writes its instant, or nothing where parseRfc3339 finds none', () => {
    expect(isoInstant('2026-11-20T10:00:00.010Z')).toBe('2026-11-20T10:00:00.010Z');
    expect(isoInstant('2026-11-20T12:00:00+02:00')).toBe('2026-11-20T10:00:00.000Z');
    expect(isoInstant(42)).toBeUndefined();
    fc.assert(
      fc.property(anyText, (text) => {
        const millis = parseRfc3339(text);
        expect(isoInstant(text)).toBe(millis === undefined ? undefined : new Date(millis).toISOString());
      }),
      { numRuns: 20_000 },
    );
  });
});
