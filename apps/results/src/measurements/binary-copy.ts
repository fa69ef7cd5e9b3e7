import { dateTimeFields, digits } from './instant-check';

/**
 * PostgreSQL's binary COPY format (`COPY … FROM STDIN (FORMAT binary)`): a signature and header,
 * then per tuple an int16 field count and per field an int32 length (-1 for NULL) followed by the
 * value as the type's binary receive function reads it, then an int16 -1 trailer. PostgreSQL takes
 * the values as they are instead of parsing each one's text (float8in, timestamptz_in, uuid_in).
 * The signature, the trailer and the stream that sends them are the platform's (`CopyStream`,
 * format 'binary'); the tuples' encoding is here.
 */

const TWO_32 = 2 ** 32;

/** C's `rint` in the default rounding mode: to the nearest integer, halves to even. */
function rint(x: number): number {
  const r = Math.round(x);
  return r - x === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(?:[Zz]|([+-])(\d{2}):(\d{2}))$/;

/** Days from 2000-01-01 to a date of the proleptic Gregorian calendar (H. Hinnant's days_from_civil), without a Date. */
function daysSince2000(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  return era * 146_097 + yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear - 730_425;
}

/** What `readInstant` read last: whole seconds since 2000-01-01T00:00:00Z and the fraction in microseconds. */
let instantSeconds = 0;
let instantMicros = 0;

const notDateTime = (value: string) => new Error(`${value} is not an RFC 3339 date-time`);

/**
 * Reads an RFC 3339 date-time as PostgreSQL's `timestamptz_in` does into `instantSeconds` and
 * `instantMicros` (no object per row): the fraction is `rint(0.<digits> × 10⁶)` (its
 * `ParseFractionalSecond`), so a seventh and later digit rounds exactly as the text COPY rounded
 * it, and 1 000 000 carries into the second as there. The fields' ranges are checked upstream
 * (`isUtcInstantQuick`, `isoInstant`).
 */
function readInstant(value: string): void {
  let seconds: number;
  let fraction = '';
  const last = value.length - 1;
  // The usual form, YYYY-MM-DDTHH:MM:SS[.f]Z, by character codes; anything else by the expression.
  if (last >= 19 && value.charCodeAt(10) === 0x54 && value.charCodeAt(last) === 0x5a && (last === 19 || value.charCodeAt(19) === 0x2e)) {
    const [year, month, day, hours, minutes, second] = dateTimeFields(value);
    if ((year | month | day | hours | minutes | second) < 0) throw notDateTime(value);
    seconds = daysSince2000(year, month, day) * 86_400 + hours * 3600 + minutes * 60 + second;
    if (last > 20) {
      const count = last - 20;
      const micros = count <= 6 ? digits(value, 20, count) : -1;
      if (micros >= 0) {
        instantSeconds = seconds;
        instantMicros = micros * 10 ** (6 - count);
        return;
      }
      fraction = value.slice(20, last);
    } else if (last === 20) throw notDateTime(value);
  } else {
    const m = RFC3339.exec(value);
    if (!m) throw notDateTime(value);
    const offset = m[8] ? (m[8] === '-' ? -1 : 1) * (Number(m[9]) * 3600 + Number(m[10]) * 60) : 0;
    seconds =
      daysSince2000(Number(m[1]), Number(m[2]), Number(m[3])) * 86_400 + Number(m[4]) * 3600 + Number(m[5]) * 60 + Number(m[6]) - offset;
    fraction = m[7] ?? '';
  }
  const length = fraction.length;
  let micros = 0;
  if (length > 0) {
    micros = digits(fraction, 0, length);
    if (micros < 0) throw notDateTime(value);
    micros = length <= 6 ? micros * 10 ** (6 - length) : rint(Number(`0.${fraction}`) * 1_000_000);
  }
  instantSeconds = seconds;
  instantMicros = micros;
}

/** An RFC 3339 date-time as `timestamptz_in` reads it: seconds since 2000-01-01T00:00:00Z and microseconds (see `readInstant`). */
export function postgresInstant(value: string): { seconds: number; micros: number } {
  readInstant(value);
  return { seconds: instantSeconds, micros: instantMicros };
}

const HEX: Record<string, number> = {};
for (let i = 0; i < 16; i++) {
  HEX[i.toString(16)] = i;
  HEX[i.toString(16).toUpperCase()] = i;
}

/**
 * A uuid's 16 bytes, read as PostgreSQL's `uuid_in` reads it: 32 hex digits of either case, an
 * optional hyphen after any group of four, the whole optionally in braces.
 */
export function uuidBytes(text: string): Buffer {
  const bytes = Buffer.alloc(16);
  const braced = text.startsWith('{');
  let at = braced ? 1 : 0;
  for (let i = 0; i < 16; i++) {
    const high = HEX[text[at]];
    const low = HEX[text[at + 1]];
    if (high === undefined || low === undefined) throw new Error(`${text} is not a uuid`);
    bytes[i] = high * 16 + low;
    at += 2;
    if (i % 2 === 1 && i < 15 && text[at] === '-') at += 1;
  }
  if (braced && text[at++] !== '}') throw new Error(`${text} is not a uuid`);
  if (at !== text.length) throw new Error(`${text} is not a uuid`);
  return bytes;
}

/** Tuples in binary COPY format, written into a growing buffer and handed over in chunks. */
export class BinaryTuples {
  private buffer: Buffer;
  /** The same memory as `buffer`: DataView's setters are inlined where Buffer's write methods are calls. */
  private view: DataView;
  private at = 0;

  constructor(private readonly capacity = 1 << 16) {
    this.buffer = Buffer.allocUnsafe(capacity);
    this.view = new DataView(this.buffer.buffer, this.buffer.byteOffset, this.buffer.length);
  }

  /** Bytes written since the last `take()`. */
  get size(): number {
    return this.at;
  }

  private room(bytes: number): void {
    if (this.at + bytes <= this.buffer.length) return;
    const bigger = Buffer.allocUnsafe(Math.max(this.buffer.length * 2, this.at + bytes));
    this.buffer.copy(bigger, 0, 0, this.at);
    this.use(bigger);
  }

  private use(buffer: Buffer): void {
    this.buffer = buffer;
    this.view = new DataView(buffer.buffer, buffer.byteOffset, buffer.length);
  }

  /** Starts a tuple of `count` fields. */
  tuple(count: number): this {
    this.room(2);
    this.view.setInt16(this.at, count);
    this.at += 2;
    return this;
  }

  null(): this {
    this.room(4);
    this.view.setInt32(this.at, -1);
    this.at += 4;
    return this;
  }

  /** Bytes already in binary COPY form (fields with their lengths, or whole tuples). */
  raw(bytes: Buffer): this {
    this.room(bytes.length);
    this.buffer.set(bytes, this.at);
    this.at += bytes.length;
    return this;
  }

  uuid(text: string): this {
    this.room(4);
    this.view.setInt32(this.at, 16);
    this.at += 4;
    return this.raw(uuidBytes(text));
  }

  /** float8: the IEEE 754 double, big-endian, exactly as given (-0 stays -0). */
  float8(value: number): this {
    this.room(12);
    this.view.setInt32(this.at, 8);
    this.view.setFloat64(this.at + 4, value);
    this.at += 12;
    return this;
  }

  /** text: its UTF-8 bytes; null or undefined is NULL. */
  text(value: string | null | undefined): this {
    if (value === null || value === undefined) return this.null();
    const length = value.length;
    this.room(4 + 3 * length);
    const start = this.at + 4;
    let bytes = 0;
    // Short ASCII (metric names, units, component ids) byte by byte; anything else through the encoder.
    if (length <= 64) {
      const buffer = this.buffer;
      for (; bytes < length; bytes++) {
        const code = value.charCodeAt(bytes);
        if (code >= 0x80) break;
        buffer[start + bytes] = code;
      }
    }
    if (bytes < length) bytes = this.buffer.write(value, start, 'utf8');
    this.view.setInt32(this.at, bytes);
    this.at = start + bytes;
    return this;
  }

  /** int8: big-endian two's complement; null or undefined is NULL. */
  int8(value: bigint | null | undefined): this {
    if (value === null || value === undefined) return this.null();
    this.room(12);
    this.view.setInt32(this.at, 8);
    this.view.setBigInt64(this.at + 4, value);
    this.at += 12;
    return this;
  }

  /** timestamptz: int64 microseconds since 2000-01-01T00:00:00Z of an RFC 3339 date-time (see `readInstant`); null or undefined is NULL. */
  timestamptz(value: string | null | undefined): this {
    if (value === null || value === undefined) return this.null();
    readInstant(value);
    this.room(12);
    const view = this.view;
    view.setInt32(this.at, 8);
    const total = instantSeconds * 1_000_000 + instantMicros;
    if (Number.isSafeInteger(total)) {
      // Years 1715-2284: the count is exact as a double, written as its two 32-bit halves.
      const high = Math.floor(total / TWO_32);
      view.setInt32(this.at + 4, high);
      view.setUint32(this.at + 8, total - high * TWO_32);
    } else {
      view.setBigInt64(this.at + 4, BigInt(instantSeconds) * 1_000_000n + BigInt(instantMicros));
    }
    this.at += 12;
    return this;
  }

  /** Hands over the bytes written so far; later tuples go into a fresh buffer. */
  take(): Buffer {
    const chunk = this.buffer.subarray(0, this.at);
    this.use(Buffer.allocUnsafe(Math.max(this.capacity, this.at)));
    this.at = 0;
    return chunk;
  }
}
