import fc from 'fast-check';
import { isUtcInstant, RequestValidationError } from '@rackeval/platform';
import { MeasurementInput, parseMeasurementBatch } from './measurement-batch.parser';

/** What PostgreSQL would refuse in a measurement row: NUL in text, an impossible timestamp, a non-finite double. */
function storable(item: MeasurementInput): boolean {
  const texts = [item.metric, item.unit, item.component ?? ''];
  return (
    texts.every((text) => !text.includes('\u0000')) &&
    Number.isFinite(item.value) &&
    (item.observedAt === undefined || isUtcInstant(item.observedAt))
  );
}

const nasty = fc.constantFrom(
  '',
  '\u0000',
  'kW\u0000',
  '2026-02-30T00:00:00Z',
  '0000-01-01T00:00:00Z',
  '9'.repeat(400),
  ' ',
  '\t',
  'x'.repeat(200),
);
const item = fc.record(
  {
    metric: fc.oneof(fc.constantFrom('rack.power', 'gpu.temp'), fc.string(), nasty),
    value: fc.oneof(fc.double(), fc.integer(), fc.string(), fc.constant(null)),
    unit: fc.oneof(fc.constantFrom('kW', 'W', 'C'), fc.string(), nasty),
    component: fc.oneof(fc.constantFrom('gpu3', 'pdu1'), fc.string(), nasty),
    observedAt: fc.oneof(
      fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
      fc.string(),
      nasty,
    ),
    extra: fc.anything(),
  },
  { requiredKeys: ['metric', 'value', 'unit'] },
);

describe('measurement batch parser (property)', () => {
  it('never throws anything but a 400 naming fields, and accepts only rows PostgreSQL stores', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.anything(), fc.record({ measurements: fc.array(fc.oneof(item, fc.anything()), { maxLength: 20 }) })),
        (body) => {
          let accepted: MeasurementInput[];
          try {
            accepted = parseMeasurementBatch(body);
          } catch (error) {
            expect(error).toBeInstanceOf(RequestValidationError);
            const { details } = error as RequestValidationError;
            expect(details.length).toBeGreaterThan(0);
            for (const detail of details) expect(detail.field).not.toBe('');
            return;
          }
          expect(accepted.every(storable)).toBe(true);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('names the offending item and field for each kind of bad value', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 5 }),
        fc.constantFrom('unit', 'component', 'observedAt', 'metric'),
        nasty,
        (index, field, value) => {
          const measurements: Record<string, unknown>[] = Array.from({ length: 6 }, () => ({ metric: 'rack.power', value: 1, unit: 'kW' }));
          measurements[index] = { ...measurements[index], [field]: value };
          let refused: RequestValidationError | undefined;
          try {
            parseMeasurementBatch({ measurements });
          } catch (error) {
            refused = error as RequestValidationError;
          }
          // Some generated values are fine where they land (a 200-character unit is not); when refused, the field is named.
          if (refused) expect(refused.details.map((d) => d.field)).toContain(`measurements[${index}].${field}`);
        },
      ),
    );
  });
});
