import { acceptedUnits, converter } from './units';

describe('unit conversion', () => {
  it('converts within a dimension to the criterion unit', () => {
    expect(converter('W', 'kW')!(41_500)).toBeCloseTo(41.5);
    expect(converter('kW', 'W')!(1.2)).toBeCloseTo(1200);
    expect(converter('s', 'ms')!(0.25)).toBeCloseTo(250);
    expect(converter('Tbit/s', 'Gbit/s')!(3.2)).toBeCloseTo(3200);
    expect(converter('%', 'ratio')!(97)).toBeCloseTo(0.97);
  });

  it('passes the same unit through unchanged, even one it does not know', () => {
    expect(converter('tokens/s', 'tokens/s')!(123.4)).toBe(123.4);
  });

  it('refuses units of another dimension or unknown units', () => {
    expect(converter('W', 'ms')).toBeUndefined();
    expect(converter('C', 'K')).toBeUndefined();
    expect(converter('samples/s', 'tokens/s')).toBeUndefined();
  });

  it('lists what a criterion unit accepts', () => {
    expect(acceptedUnits('kW')).toEqual(['mW', 'W', 'kW', 'MW']);
    expect(acceptedUnits('tokens/s')).toEqual(['tokens/s']);
  });
});
