import { Cursor, CursorKey } from './cursor-page';

const crafted = (position: unknown) => Buffer.from(JSON.stringify(position)).toString('base64url');

describe('Cursor', () => {
  it('round-trips a keyset position', () => {
    const sut = Cursor.encode(['2026-11-25T10:00:00.000Z', 'RK-0042']);
    expect(Cursor.decode(sut)).toEqual(['2026-11-25T10:00:00.000Z', 'RK-0042']);
    expect(Cursor.decode(sut, ['timestamp?', 'text'] as const)).toEqual(['2026-11-25T10:00:00.000Z', 'RK-0042']);
    expect(Cursor.decode(crafted([null, 'RK-1']), ['timestamp?', 'text'] as const)).toEqual([null, 'RK-1']);
    expect(Cursor.decode(crafted([42]), ['bigint'] as const)).toEqual(['42']);
  });

  it('refuses a cursor it did not issue', () => {
    expect(() => Cursor.decode('not-a-cursor')).toThrow(/cursor is not one this list issued/);
  });

  it.each<[string, unknown, CursorKey[] | undefined]>([
    ['not an array', { a: 1 }, undefined],
    ['an empty array', [], undefined],
    ['an object inside', [{ id: 1 }], undefined],
    ['a NUL', ['RK\u00001'], undefined],
    ['an over-long key', ['x'.repeat(513)], undefined],
    ['a bigint past int8', ['9223372036854775808'], ['bigint']],
    ['a bigint that is text', ['abc'], ['bigint']],
    ['a fractional id', [1.5], ['bigint']],
    ['a negative id', ['-1'], ['bigint']],
    ['an impossible date', ['2026-02-30T00:00:00.000Z', 'RK-1'], ['timestamp?', 'text']],
    ['a date that is no date', ['soon', 'RK-1'], ['timestamp?', 'text']],
    ['null where none is allowed', [null], ['text']],
    ['the wrong length', ['1', '2'], ['bigint']],
    ['an id that is no uuid', ['2026-11-29T10:00:00.000Z', 'not-an-id'], ['timestamp', 'uuid']],
  ])('answers INVALID_CURSOR for %s', (_, position, shape) => {
    expect(() => Cursor.decode(crafted(position), shape)).toThrow(
      expect.objectContaining({ code: 'INVALID_CURSOR', details: [{ field: 'cursor', message: 'not a valid cursor' }] }),
    );
  });

  it('pages from limit + 1 rows', () => {
    const rows = [{ s: 'A' }, { s: 'B' }, { s: 'C' }];
    const page = Cursor.page(
      rows,
      2,
      (row) => [row.s],
      (row) => row.s,
    );
    expect(page.items).toEqual(['A', 'B']);
    expect(Cursor.decode(page.nextCursor!)).toEqual(['B']);
    expect(
      Cursor.page(
        rows,
        3,
        (row) => [row.s],
        (row) => row.s,
      ).nextCursor,
    ).toBeNull();
  });
});
