/**
 * Reads that must agree run in one read-only snapshot: a write committing between them is not
 * seen, nothing can be written through it, and its connection goes back to the pool whatever
 * happens.
 */
import { inSnapshot, readInSnapshot } from '@rackeval/platform';
import { dropSchema, TEST_DATABASE_URL, uniqueSuffix, withDatabase } from '@rackeval/testing';
import { DataSource } from 'typeorm';

describe('read snapshots', () => {
  const schema = `snapshot_${uniqueSuffix()}`;
  let sut: DataSource;

  /** Commits one more row from another connection, as a concurrent writer would. */
  const commitAnotherRow = () => withDatabase((db) => db.query(`INSERT INTO "${schema}".sample (value) VALUES (1)`));
  const countIn = async (run: (sql: string) => Promise<Array<{ n: number }>>) =>
    (await run(`SELECT count(*)::int AS n FROM "${schema}".sample`))[0].n;
  const idleConnections = () => (sut.driver as unknown as { master: { idleCount: number; totalCount: number } }).master;

  beforeAll(async () => {
    await withDatabase(async (db) => {
      await db.query(`CREATE SCHEMA "${schema}"`);
      await db.query(`CREATE TABLE "${schema}".sample (id serial PRIMARY KEY, value int NOT NULL)`);
      await db.query(`INSERT INTO "${schema}".sample (value) SELECT 1 FROM generate_series(1, 10)`);
    });
    sut = await new DataSource({ type: 'postgres', url: TEST_DATABASE_URL, poolSize: 2 }).initialize();
  });
  afterAll(async () => {
    await sut?.destroy();
    await dropSchema(schema);
  });

  it('answers every read from the state at its first read, though a write commits between them', async () => {
    const [before, after] = await readInSnapshot(sut, async (manager) => {
      const first = await countIn((sql) => manager.query(sql));
      await commitAnotherRow();
      return [first, await countIn((sql) => manager.query(sql))];
    });

    expect(after).toBe(before);
    expect(await countIn((sql) => sut.query(sql))).toBe(before + 1);
  });

  it('refuses a write made through it (SQLSTATE 25006) and gives its connection back', async () => {
    const write = readInSnapshot(sut, (manager) => manager.query(`INSERT INTO "${schema}".sample (value) VALUES (2)`));

    await expect(write).rejects.toMatchObject({ driverError: { code: '25006' } });
    expect(idleConnections().idleCount).toBe(idleConnections().totalCount);
  });

  it('keeps every page of an iteration in one state, and gives the connection back when the reader stops early', async () => {
    const seen: number[] = [];
    for await (const count of inSnapshot(sut, async function* (manager) {
      for (;;) {
        yield await countIn((sql) => manager.query(sql));
        await commitAnotherRow();
      }
    })) {
      seen.push(count);
      if (seen.length === 3) break;
    }

    expect(new Set(seen).size).toBe(1);
    expect(idleConnections().idleCount).toBe(idleConnections().totalCount);
    expect(await countIn((sql) => sut.query(sql))).toBe(seen[0] + 2);
  });
});
