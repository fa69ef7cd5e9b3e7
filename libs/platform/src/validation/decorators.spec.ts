import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { IntParam, IsInt4, IsLabel, IsNumericString, IsText, IsUtcInstant } from './decorators';

class Sample {
  @IsUtcInstant() at: unknown = '2026-11-20T14:05:00Z';
  @IsInt4({ min: 1 }) quantity: unknown = 1;
  @IntParam({ min: 1 }) version: unknown = '3';
  @IsText({ max: 10 }) note: unknown = 'line\nbreak';
  @IsLabel(8) lot: unknown = 'LOT-A';
  @IsNumericString({ precision: 15, scale: 3 }) kw: unknown = '132.5';
}

const refused = (values: Record<string, unknown>) =>
  validateSync(plainToInstance(Sample, { ...new Sample(), ...values })).map((error) => error.property);

describe('composite validators', () => {
  it('accept well-formed values', () => {
    expect(refused({})).toEqual([]);
    expect(refused({ version: '2147483647', kw: '999999999999.999' })).toEqual([]);
  });

  it.each([
    ['at', '2026-02-30T00:00:00Z'],
    ['at', '0000-01-01T00:00:00Z'],
    ['quantity', 1.5],
    ['quantity', 2_147_483_648],
    ['quantity', 1e300],
    ['quantity', 0],
    ['version', '1.5'],
    ['version', 'abc'],
    ['version', '99999999999'],
    ['version', ''],
    ['note', ''],
    ['note', 'x'.repeat(11)],
    ['note', 'a\u0000b'],
    ['lot', 'L\nT'],
    ['lot', 'L\u0000'],
    ['lot', 'x'.repeat(9)],
    ['kw', '1000000000000'],
    ['kw', '1.2345'],
    ['kw', 132.5],
  ])('refuse %s = %p', (field, value) => {
    expect(refused({ [field]: value })).toEqual([field]);
  });
});
