import fc from 'fast-check';
import { BinaryTuples, postgresInstant, uuidBytes } from './binary-copy';
import { MeasurementRows } from './measurement.repository';

const hex = (buffer: Buffer) => buffer.toString('hex');
const EPOCH_2000 = BigInt(Date.UTC(2000, 0, 1));
/** The int64 PostgreSQL stores for a millisecond instant, by BigInt arithmetic (independent of the encoder's). */
const micros = (iso: string) => (BigInt(Date.parse(iso)) - EPOCH_2000) * 1000n;
const int64 = (value: bigint) => {
  const buffer = Buffer.alloc(8);
  buffer.writeBigInt64BE(value);
  return hex(buffer);
};
const field = (write: (sut: BinaryTuples) => BinaryTuples) => hex(write(new BinaryTuples(8)).take());

/** The fields of binary COPY tuples, read back: null for NULL, the bytes otherwise. */
function fieldsOf(data: Buffer): Array<Array<Buffer | null>> {
  const tuples: Array<Array<Buffer | null>> = [];
  let at = 0;
  while (at < data.length) {
    const count = data.readInt16BE(at);
    at += 2;
    if (count === -1) break;
    const fields: Array<Buffer | null> = [];
    for (let i = 0; i < count; i++) {
      const length = data.readInt32BE(at);
      at += 4;
      fields.push(length === -1 ? null : data.subarray(at, at + length));
      if (length > 0) at += length;
    }
    tuples.push(fields);
  }
  return tuples;
}

describe('binary COPY', () => {
  it('writes a tuple as its int16 field count, then each field as int32 length and value', () => {
    expect(field((sut) => sut.tuple(3).null().int8(42n).text('a'))).toBe('0003' + 'ffffffff' + '00000008000000000000002a' + '0000000161');
  });

  it('writes a uuid as its 16 bytes, in any form uuid_in reads', () => {
    const bytes = 'a0eebc999c0b4ef8bb6d6bb9bd380a11';
    expect(field((sut) => sut.uuid('a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'))).toBe(`00000010${bytes}`);
    for (const form of [
      'A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11',
      '{a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11}',
      'a0eebc999c0b4ef8bb6d6bb9bd380a11',
      'a0ee-bc99-9c0b-4ef8-bb6d-6bb9-bd38-0a11',
    ])
      expect(hex(uuidBytes(form))).toBe(bytes);
    for (const bad of [
      'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a1',
      'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11-',
      'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a1g',
      '{a0eebc999c0b4ef8bb6d6bb9bd380a11',
      'a0e-ebc999c0b4ef8bb6d6bb9bd380a11',
    ])
      expect(() => uuidBytes(bad)).toThrow('is not a uuid');
  });

  it('writes a float8 as its big-endian IEEE 754 bits', () => {
    expect(field((sut) => sut.float8(1.5))).toBe('000000083ff8000000000000');
    expect(field((sut) => sut.float8(-0))).toBe('000000088000000000000000');
    expect(field((sut) => sut.float8(0))).toBe('000000080000000000000000');
    expect(field((sut) => sut.float8(-2))).toBe('00000008c000000000000000');
    expect(field((sut) => sut.float8(0.1))).toBe('000000083fb999999999999a');
    expect(field((sut) => sut.float8(Infinity))).toBe('000000087ff0000000000000');
  });

  it('writes text as its UTF-8 bytes and their count, multi-byte characters included', () => {
    expect(field((sut) => sut.text('W'))).toBe('0000000157');
    expect(field((sut) => sut.text(''))).toBe('00000000');
    expect(field((sut) => sut.text('µs'))).toBe('00000003c2b573');
    expect(field((sut) => sut.text('温度'))).toBe('00000006e6b8a9e5baa6');
    expect(field((sut) => sut.text('🔥a'))).toBe('00000005f09f94a561');
    expect(field((sut) => sut.text('tab\there\\N\n'))).toBe(`0000000b${hex(Buffer.from('tab\there\\N\n'))}`);
    const long = `${'x'.repeat(100)}é`;
    expect(field((sut) => sut.text(long))).toBe(`00000066${hex(Buffer.from(long))}`);
  });

  it('writes NULL as length -1, for null and undefined alike', () => {
    expect(field((sut) => sut.null())).toBe('ffffffff');
    expect(field((sut) => sut.text(null).text(undefined).timestamptz(null).int8(undefined))).toBe('ffffffff'.repeat(4));
  });

  it('writes int8 as big-endian two’s complement', () => {
    expect(field((sut) => sut.int8(-1n))).toBe('00000008ffffffffffffffff');
    expect(field((sut) => sut.int8(9007199254740993n))).toBe('000000080020000000000001');
  });

  it('writes a timestamptz as int64 microseconds since 2000-01-01T00:00:00Z, before and after it', () => {
    expect(field((sut) => sut.timestamptz('2000-01-01T00:00:00Z'))).toBe('00000008' + '0000000000000000');
    expect(field((sut) => sut.timestamptz('2000-01-01T00:00:00.000001Z'))).toBe('00000008' + '0000000000000001');
    expect(field((sut) => sut.timestamptz('1999-12-31T23:59:59.999999Z'))).toBe('00000008' + 'ffffffffffffffff');
    expect(field((sut) => sut.timestamptz('1970-01-01T00:00:00Z'))).toBe('00000008' + 'fffca2fec4c82000');
    expect(field((sut) => sut.timestamptz('2026-11-20T14:05:00.123Z'))).toBe('00000008' + '000303b47f9cfb78');
    // Outside the years whose microsecond count a double holds exactly.
    for (const iso of ['0001-01-01T00:00:00Z', '0050-06-01T12:00:00.5Z', '1600-02-29T23:59:59.999Z', '9999-12-31T23:59:59.999Z'])
      expect(field((sut) => sut.timestamptz(iso))).toBe(`00000008${int64(micros(iso))}`);
  });

  it('reads an offset, a lower-case t or z, and a space as timestamptz_in does', () => {
    expect(postgresInstant('2026-11-20T10:00:00+02:00')).toEqual(postgresInstant('2026-11-20T08:00:00Z'));
    expect(postgresInstant('2026-11-20t10:00:00.5-05:30')).toEqual(postgresInstant('2026-11-20T15:30:00.500Z'));
    expect(postgresInstant('2026-11-20 10:00:00z')).toEqual(postgresInstant('2026-11-20T10:00:00Z'));
    expect(() => postgresInstant('2026-11-20')).toThrow('is not an RFC 3339 date-time');
    expect(() => postgresInstant('2026-11-20T1x:00:00Z')).toThrow('is not an RFC 3339 date-time');
  });

  it('keeps every fractional digit to the microsecond and rounds the rest as ParseFractionalSecond (rint of the fraction × 10⁶)', () => {
    const at = (fraction: string) => postgresInstant(`2026-11-20T14:05:00${fraction}Z`);
    const second = at('').seconds;
    expect(at('.1')).toEqual({ seconds: second, micros: 100_000 });
    expect(at('.123456')).toEqual({ seconds: second, micros: 123_456 });
    expect(at('.1234564')).toEqual({ seconds: second, micros: 123_456 });
    expect(at('.1234566')).toEqual({ seconds: second, micros: 123_457 });
    // 0.1234565 × 10⁶ is 123456.5 exactly as a double: rint takes the even neighbour.
    expect(at('.1234565')).toEqual({ seconds: second, micros: 123_456 });
    expect(at('.0000025')).toEqual({ seconds: second, micros: 2 });
    expect(at('.123456789')).toEqual({ seconds: second, micros: 123_457 });
    // A full million carries into the next second, as in PostgreSQL.
    expect(at('.9999999')).toEqual({ seconds: second, micros: 1_000_000 });
    expect(field((sut) => sut.timestamptz('1999-12-31T23:59:59.9999999Z'))).toBe('00000008' + '0000000000000000');
  });

  it('writes every millisecond instant as Date knows it (property)', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('0001-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59.999Z'), noInvalidDate: true }),
        (date) => {
          const iso = date.toISOString();
          expect(field((sut) => sut.timestamptz(iso))).toBe(`00000008${int64(micros(iso))}`);
        },
      ),
    );
  });

  it('grows past its first buffer and hands over what was written, starting afresh', () => {
    const sut = new BinaryTuples(4);
    for (let i = 0; i < 100; i++) sut.tuple(1).text(`row ${i}`);
    const first = sut.take();
    expect(fieldsOf(first).map(([text]) => text!.toString())).toEqual(Array.from({ length: 100 }, (_, i) => `row ${i}`));
    expect(sut.size).toBe(0);
    sut.tuple(1).float8(2);
    expect(hex(sut.take())).toBe('0001000000084000000000000000');
    expect(fieldsOf(first)).toHaveLength(100); // the chunk handed over is not overwritten
  });
});

describe('MeasurementRows', () => {
  const runId = 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11';

  it('writes each row as the 11 columns of the COPY, with the values the text COPY stored', () => {
    const sut = new MeasurementRows(runId, { actor: 'tariq', source: 'api', correctionId: '17' });
    sut.push('gpu_temp', 71.5, 'C', 160.7, 'F', 'gpu0', '2026-11-20T14:05:00.123456Z');
    sut.push('power', -0, 'kW', -0, 'kW', null, undefined);
    sut.push('power', 1.5, 'kW', 1500, 'W', '温度', '1999-12-31T23:59:59Z');
    const tuples = fieldsOf(sut.take());
    expect(tuples.map((tuple) => tuple.map((f) => (f === null ? null : hex(f))))).toEqual([
      [
        'a0eebc999c0b4ef8bb6d6bb9bd380a11',
        hex(Buffer.from('gpu_temp')),
        '4051e00000000000',
        '43',
        '4064166666666666',
        '46',
        hex(Buffer.from('gpu0')),
        int64(micros('2026-11-20T14:05:00.123Z') + 456n),
        hex(Buffer.from('tariq')),
        hex(Buffer.from('api')),
        '0000000000000011',
      ],
      // -0 is stored as 0, as its text String(-0) was; no component or observedAt are NULL (\N).
      [
        'a0eebc999c0b4ef8bb6d6bb9bd380a11',
        hex(Buffer.from('power')),
        '0'.repeat(16),
        hex(Buffer.from('kW')),
        '0'.repeat(16),
        hex(Buffer.from('kW')),
        null,
        null,
        hex(Buffer.from('tariq')),
        hex(Buffer.from('api')),
        '0000000000000011',
      ],
      [
        'a0eebc999c0b4ef8bb6d6bb9bd380a11',
        hex(Buffer.from('power')),
        '3ff8000000000000',
        hex(Buffer.from('kW')),
        '4097700000000000',
        hex(Buffer.from('W')),
        'e6b8a9e5baa6',
        int64(-1_000_000n),
        hex(Buffer.from('tariq')),
        hex(Buffer.from('api')),
        '0000000000000011',
      ],
    ]);
    expect(sut.length).toBe(3);
    expect(sut.countByMetric()).toEqual({ gpu_temp: 1, power: 2 });
  });

  it('writes correction_id NULL for a batch that corrects nothing', () => {
    const sut = new MeasurementRows(runId, { actor: 'ocptv-bot', source: 'ocptv' });
    sut.push('power', 1, 'kW', 1, 'kW');
    const [tuple] = fieldsOf(sut.take());
    expect(tuple).toHaveLength(11);
    expect(tuple[10]).toBeNull();
    expect(tuple[9]!.toString()).toBe('ocptv');
  });
});
