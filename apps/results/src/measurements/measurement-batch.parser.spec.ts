import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { RequestValidationError } from '@rackeval/platform';
import { MeasurementDto } from './dto/measurement.dto';
import { itemProblems, MeasurementBatch, parseMeasurementBatch } from './measurement-batch.parser';

const good = [
  { metric: 'rack.power', value: 41.7, unit: 'kW' },
  { metric: 'gpu.temp', value: -3, unit: 'C', component: 'gpu3', observedAt: '2026-11-20T10:00:00.123Z' },
];
const bad: unknown[] = [
  { metric: 'Rack Power', value: 1, unit: 'kW' },
  { metric: 'rack.power', value: '41.7', unit: 'kW' },
  { metric: 'rack.power', value: Infinity, unit: 'kW' },
  { metric: 'rack.power', value: NaN, unit: 'kW' },
  { metric: 'rack.power', value: 1, unit: 'k W' },
  { metric: 'rack.power', value: 1 },
  { metric: 'rack.power', value: 1, unit: 'kW', observedAt: '2026-11-20T10:00:00+02:00' },
  { metric: 'rack.power', value: 1, unit: 'kW', component: '' },
  { metric: 'rack.power', value: 1, unit: 'kW', extra: true },
  { metric: 'rack.power', value: 1, unit: 'kW', observedAt: '2026-02-30T10:00:00Z' },
  { metric: 'rack.power', value: 1, unit: 'kW', observedAt: '0000-01-01T00:00:00Z' },
  { metric: 'rack.power', value: 1, unit: 'kW', observedAt: '2026-11-20T24:00:00Z' },
  { metric: 'rack.power', value: 1, unit: 'kW\u0000' },
  { metric: 'rack.power', value: 1, unit: 'kW', component: 'gpu\u00003' },
  { metric: 'rack.power', value: 1, unit: 'kW', component: 'g'.repeat(129) },
  'not an object',
];

describe('measurement batch parser', () => {
  it('accepts well-formed items', () => {
    expect(parseMeasurementBatch({ measurements: good })).toEqual(good);
  });

  it('names every offending item by index and reports non-finite values', () => {
    const items = [...good, { metric: 'rack.power', value: 1e999, unit: 'kW' }, { metric: 'x', unit: 'kW' }];
    try {
      parseMeasurementBatch({ measurements: items });
      throw new Error('expected a refusal');
    } catch (error) {
      expect(error).toBeInstanceOf(RequestValidationError);
      expect((error as RequestValidationError).details).toEqual([
        { field: 'measurements[2].value', message: 'must be a finite number' },
        { field: 'measurements[3].value', message: 'must be a number' },
      ]);
      expect((error as Error).message).toContain('2 of 4 measurements are invalid');
    }
  });

  it('refuses what PostgreSQL would refuse, naming the field: impossible dates, NUL characters', () => {
    const items = [
      { metric: 'rack.power', value: 1, unit: 'kW', observedAt: '2026-02-30T10:00:00Z' },
      { metric: 'rack.power', value: 1, unit: 'kW', observedAt: '0000-01-01T00:00:00Z' },
      { metric: 'rack.power', value: 1, unit: 'k\u0000W' },
      { metric: 'rack.power', value: 1, unit: 'kW', component: '\u0000' },
    ];
    const error = (() => {
      try {
        return parseMeasurementBatch({ measurements: items });
      } catch (e) {
        return e as RequestValidationError;
      }
    })() as RequestValidationError;
    expect(error.details.map((d) => d.field)).toEqual([
      'measurements[0].observedAt',
      'measurements[1].observedAt',
      'measurements[2].unit',
      'measurements[3].component',
    ]);
  });

  it('refuses an empty, oversized or missing list and unknown top-level fields', () => {
    expect(() => parseMeasurementBatch({ measurements: [] })).toThrow('must hold 1 to 10000');
    expect(() => parseMeasurementBatch({ measurements: new Array(10_001).fill(good[0]) })).toThrow('got 10001');
    expect(() => parseMeasurementBatch({})).toThrow('must be an array');
    expect(() => parseMeasurementBatch({ measurements: good, runId: 'x' })).toThrow('runId: is not a known field');
  });

  it('agrees with the class-validator DTO on the same fixtures', () => {
    const classValidatorAccepts = (item: unknown) =>
      typeof item === 'object' &&
      validateSync(plainToInstance(MeasurementDto, item) as object, { whitelist: true, forbidNonWhitelisted: true }).length === 0;
    for (const item of [...good, ...bad]) {
      expect({ item, ok: itemProblems(item, 'x').length === 0 }).toEqual({ item, ok: classValidatorAccepts(item) });
    }
  });

  it('validates 10,000 items quickly enough not to matter (figure printed, not asserted)', () => {
    const batch = {
      measurements: Array.from({ length: 10_000 }, (_, i) => ({ metric: 'rack.power', value: i, unit: 'W', component: `psu${i % 8}` })),
    };
    const started = process.hrtime.bigint();
    expect(parseMeasurementBatch(batch)).toHaveLength(10_000);
    const compiledMs = Number(process.hrtime.bigint() - started) / 1e6;
    const cvStarted = process.hrtime.bigint();
    for (const item of batch.measurements) validateSync(plainToInstance(MeasurementDto, item));
    const classValidatorMs = Number(process.hrtime.bigint() - cvStarted) / 1e6;
    console.log(`10,000 items: compiled check ${compiledMs.toFixed(1)} ms, class-validator ${classValidatorMs.toFixed(1)} ms`);
  });

  describe('checked chunk by chunk (MeasurementBatch)', () => {
    const refusalOf = (work: () => unknown) => {
      try {
        work();
      } catch (error) {
        return error as RequestValidationError;
      }
      throw new Error('expected a refusal');
    };
    const many = (bad: Record<number, unknown>) =>
      Array.from({ length: 5_000 }, (_, i) => (i in bad ? bad[i] : { metric: 'rack.power', value: i, unit: 'kW' }));

    it('refuses a bad shape at once, as parseMeasurementBatch does, without checking the items', () => {
      for (const body of [null, [], { measurements: [] }, { measurements: {} }, { measurements: good, runId: 'x' }]) {
        const expected = refusalOf(() => parseMeasurementBatch(body));
        expect(refusalOf(() => MeasurementBatch.of(body)).details).toEqual(expected.details);
      }
      expect(MeasurementBatch.of({ measurements: [...good, 'not an object'] }).length).toBe(3);
    });

    it('checks only up to where it is asked, and refuses with every bad item of the batch when it meets one', () => {
      const items = many({ 3_000: { metric: 'rack.power', value: 'x', unit: 'kW' }, 4_500: { metric: 'Bad', value: 1, unit: 'kW' } });
      const batch = MeasurementBatch.of({ measurements: items });
      expect(() => batch.checkTo(2_000)).not.toThrow();
      const refusal = refusalOf(() => batch.checkTo(4_000));
      const whole = refusalOf(() => parseMeasurementBatch({ measurements: items }));
      expect(refusal.details).toEqual(whole.details);
      expect(refusal.message).toBe(whole.message);
      expect(refusal.details.map((d) => d.field)).toEqual(['measurements[3000].value', 'measurements[4500].metric']);
    });

    it('gives the whole batch when every item is good', () => {
      const items = many({});
      const batch = MeasurementBatch.of({ measurements: items });
      batch.checkTo(1_000);
      expect(batch.checkAll()).toEqual(items);
      expect(() => MeasurementBatch.of({ measurements: many({ 4_999: 'x' }) }).checkAll()).toThrow('1 of 5000 measurements are invalid');
    });
  });
});
