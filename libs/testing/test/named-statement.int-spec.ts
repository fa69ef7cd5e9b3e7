/**
 * A named statement answers what `manager.query` answers, on the same connection and in the same
 * transaction, fails the same way, and is parsed once per connection: later runs on that
 * connection bind and execute the statement PostgreSQL already holds.
 */
import { NamedStatement } from '@rackeval/messaging';
import { dropSchema, TEST_DATABASE_URL, uniqueSuffix, withDatabase } from '@rackeval/testing';
import { DataSource, QueryFailedError } from 'typeorm';

describe('NamedStatement', () => {
  const schema = `named_${uniqueSuffix()}`;
  let sut: DataSource;
  const insert = new NamedStatement(`sample_insert_${schema}`, `INSERT INTO "${schema}".sample (value) VALUES ($1) RETURNING id, value`);
  const byValue = new NamedStatement(`sample_by_value_${schema}`, `SELECT id, value FROM "${schema}".sample WHERE value = $1 ORDER BY id`);
  const count = async () => (await withDatabase((db) => db.query(`SELECT count(*)::int AS n FROM "${schema}".sample`))).rows[0].n;

  beforeAll(async () => {
    await withDatabase(async (db) => {
      await db.query(`CREATE SCHEMA "${schema}"`);
      await db.query(`CREATE TABLE "${schema}".sample (id serial PRIMARY KEY, value int NOT NULL CHECK (value >= 0))`);
    });
    sut = await new DataSource({ type: 'postgres', url: TEST_DATABASE_URL, poolSize: 2 }).initialize();
  });
  afterAll(async () => {
    await sut?.destroy();
    await dropSchema(schema);
  });

  it('answers the rows manager.query answers, outside a transaction and inside one', async () => {
    const [stored] = await insert.rows<{ id: number; value: number }>(sut.manager, [7]);
    expect(stored).toEqual({ id: expect.any(Number), value: 7 });
    expect(await byValue.rows(sut.manager, [7])).toEqual(
      await sut.manager.query(`SELECT id, value FROM "${schema}".sample WHERE value = $1`, [7]),
    );

    const inside = await sut.transaction(async (manager) => {
      await insert.rows(manager, [8]);
      return byValue.rows(manager, [8]);
    });
    expect(inside).toHaveLength(1);
  });

  it('writes in the transaction it is given: rolled back with it', async () => {
    const before = await count();
    await expect(
      sut.transaction(async (manager) => {
        await insert.rows(manager, [9]);
        expect(await byValue.rows(manager, [9])).toHaveLength(1);
        throw new Error('the caller gives up');
      }),
    ).rejects.toThrow('the caller gives up');
    expect(await count()).toBe(before);
  });

  it('fails as manager.query fails: a QueryFailedError carrying the SQLSTATE, the connection back in the pool', async () => {
    const failed = insert.rows(sut.manager, [-1]);
    await expect(failed).rejects.toBeInstanceOf(QueryFailedError);
    await expect(failed).rejects.toMatchObject({ driverError: { code: '23514' } });
    const pool = (sut.driver as unknown as { master: { idleCount: number; totalCount: number } }).master;
    expect(pool.idleCount).toBe(pool.totalCount);
  });

  it('is parsed once per connection and run again from what PostgreSQL holds', async () => {
    const counted = new NamedStatement(`sample_count_${schema}`, `SELECT count(*)::int AS n FROM "${schema}".sample WHERE value > $1`);
    const prepared = await sut.transaction(async (manager) => {
      for (let value = 0; value < 7; value += 1) await counted.rows(manager, [value]);
      return manager.query(`SELECT statement, (generic_plans + custom_plans)::int AS runs FROM pg_prepared_statements WHERE name = $1`, [
        counted.name,
      ]);
    });
    expect(prepared).toEqual([{ statement: counted.text, runs: 7 }]);
  });
});
