import { csvCell as sut } from './options-csv';

describe('csvCell', () => {
  it('quotes commas, quotes and line breaks', () => {
    expect(sut('plain')).toBe('plain');
    expect(sut('a, b')).toBe('"a, b"');
    expect(sut('say "yes"')).toBe('"say ""yes"""');
    expect(sut('two\nlines')).toBe('"two\nlines"');
  });

  it('keeps numbers and decimals as written, empties for missing values', () => {
    expect(sut('1250000.00')).toBe('1250000.00');
    expect(sut('-3.5')).toBe('-3.5');
    expect(sut(7)).toBe('7');
    expect(sut(null)).toBe('');
    expect(sut(undefined)).toBe('');
  });

  it('defuses spreadsheet formulas', () => {
    expect(sut('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(sut('@SUM(A1)')).toBe("'@SUM(A1)");
  });
});
