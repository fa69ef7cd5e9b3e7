import { findNulCharacters } from './text';

describe('findNulCharacters', () => {
  it('names every string and key holding U+0000 by its path', () => {
    const body = { reference: 'ok', racks: [{ lot: 'L\u0000T', bom: [{ supplier: 'A' }, { supplier: '\u0000' }] }], ['k\u0000']: 1 };
    expect(findNulCharacters(body)).toEqual([
      { field: 'k\\u0000', message: 'key must not contain NUL characters (\\u0000)' },
      { field: 'racks[0].lot', message: 'must not contain NUL characters (\\u0000)' },
      { field: 'racks[0].bom[1].supplier', message: 'must not contain NUL characters (\\u0000)' },
    ]);
  });

  it('names a bare string by its root and finds nothing in clean input', () => {
    expect(findNulCharacters('RK\u00001', 'serial')).toEqual([{ field: 'serial', message: 'must not contain NUL characters (\\u0000)' }]);
    expect(findNulCharacters({ a: [1, true, null, 'x'] })).toEqual([]);
  });

  it('walks a deeply nested body without recursion and stops at the limit', () => {
    let deep: unknown = '\u0000';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(findNulCharacters(deep)).toHaveLength(1);
    expect(findNulCharacters(new Array(500).fill('\u0000'), '', 100)).toHaveLength(100);
  });
});
