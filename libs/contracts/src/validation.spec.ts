import { validateSync } from 'class-validator';
import { IsCountryCode, IsDecimalString, IsUtcTimestamp } from './validation';

class Sample {
  @IsDecimalString({ scale: 2 }) price: unknown;
  @IsCountryCode() country: unknown;
  @IsUtcTimestamp() at: unknown;
}

const errorsFor = (values: Partial<Sample>) => {
  const sut = Object.assign(new Sample(), { price: '1.00', country: 'US', at: '2026-01-01T00:00:00Z', ...values });
  return validateSync(sut).map((error) => error.property);
};

describe('composite validators', () => {
  it.each(['0', '12', '1250000.00', '0.5'])('accepts the decimal string %s', (price) => {
    expect(errorsFor({ price })).toEqual([]);
  });

  it.each([[12.5], ['1.005'], ['-1.00'], ['1e3'], [''], ['1,000.00']])('refuses %p as money', (price) => {
    expect(errorsFor({ price })).toEqual(['price']);
  });

  it.each(['US', 'MX', 'TW'])('accepts the country %s', (country) => {
    expect(errorsFor({ country })).toEqual([]);
  });

  it.each(['us', 'USA', 'XX', 'UK'])('refuses the country %s', (country) => {
    expect(errorsFor({ country })).toEqual(['country']);
  });

  it('requires UTC timestamps', () => {
    expect(errorsFor({ at: '2026-01-01T00:00:00+01:00' })).toEqual(['at']);
    expect(errorsFor({ at: 'yesterday' })).toEqual(['at']);
  });
});
