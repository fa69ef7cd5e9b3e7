import { csvCell as sut } from './csv-cell';

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
    expect(sut(-7)).toBe('-7');
    expect(sut(7)).toBe('7');
    expect(sut(null)).toBe('');
    expect(sut(undefined)).toBe('');
  });

  it.each([
    ['=HYPERLINK("x")', `"'=HYPERLINK(""x"")"`],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['+1+cmd|calc', "'+1+cmd|calc"],
    ['-2+3', "'-2+3"],
    ['\t=1+1', "'\t=1+1"],
    ['\r=1+1', `"'\r=1+1"`],
    ['\nplain', `"'\nplain"`],
    [' =1+1', "' =1+1"],
    ['   @SUM(A1)', "'   @SUM(A1)"],
    ['\u00a0=1+1', "'\u00a0=1+1"],
    ['\u3000=1+1', "'\u3000=1+1"],
    ['＝1+1', "'＝1+1"],
    ['＋1', "'＋1"],
    ['－1', "'－1"],
    ['＠SUM(A1)', "'＠SUM(A1)"],
    [' ＝HYPERLINK("x")', `"' ＝HYPERLINK(""x"")"`],
  ])('defuses the formula %p', (cell, expected) => {
    expect(sut(cell)).toBe(expected);
  });

  it('leaves text that only contains a sign further in alone', () => {
    expect(sut('rack A=B')).toBe('rack A=B');
    expect(sut('finance@example.com')).toBe('finance@example.com');
    expect(sut(' padded')).toBe(' padded');
  });
});
