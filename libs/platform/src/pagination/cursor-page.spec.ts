import { Cursor } from './cursor-page';

describe('Cursor', () => {
  it('round-trips a keyset position', () => {
    const sut = Cursor.encode(['2026-11-25T10:00:00.000Z', 'RK-0042']);
    expect(Cursor.decode(sut)).toEqual(['2026-11-25T10:00:00.000Z', 'RK-0042']);
  });

  it('refuses a cursor it did not issue', () => {
    expect(() => Cursor.decode('not-a-cursor')).toThrow(/cursor is not one this list issued/);
  });

  it('pages from limit + 1 rows', () => {
    const rows = [{ s: 'A' }, { s: 'B' }, { s: 'C' }];
    const page = Cursor.page(rows, 2, (row) => [row.s], (row) => row.s);
    expect(page.items).toEqual(['A', 'B']);
    expect(Cursor.decode(page.nextCursor!)).toEqual(['B']);
    expect(Cursor.page(rows, 3, (row) => [row.s], (row) => row.s).nextCursor).toBeNull();
  });
});
