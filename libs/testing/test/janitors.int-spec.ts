/**
 * The janitors keep up with the write rate: one pass deletes everything due, batch after batch,
 * and when instances fire together one sweeps while the others skip.
 */
import { MessagingJanitor } from '@rackeval/messaging';
import { IdempotencyJanitor } from '@rackeval/platform';
import { RunningService, withDatabase } from '@rackeval/testing';
import { LedgerConfig } from './fixtures/ledger.fixture';
import { LedgerHarness } from './fixtures/ledger.harness';

const DUE = 25_000;
const KEPT = 300;

describe('janitors', () => {
  let sut: LedgerHarness;
  let ledger: RunningService<LedgerConfig>;
  let schema: string;

  beforeAll(async () => {
    sut = await LedgerHarness.create();
    ledger = await sut.start({ OUTBOX_RETENTION_HOURS: '24', INBOX_RETENTION_HOURS: '200', IDEMPOTENCY_RETENTION_HOURS: '48' });
    schema = ledger.config.DATABASE_SCHEMA;
  });
  afterAll(() => sut.dispose());

  /** DUE rows past their retention and KEPT rows within it, in each of the three tables (one INSERT … SELECT each). */
  const plant = (prefix: string) =>
    withDatabase(async (db) => {
      await db.query(
        `INSERT INTO "${schema}".outbox_message (event_id, event_type, topic, partition_key, headers, payload, created_at, published_at)
         SELECT '${prefix}-out-' || i, 't', 't', 'k', '{}', '{}', now() - interval '100 hours', now() - CASE WHEN i <= ${DUE} THEN interval '30 hours' ELSE interval '2 hours' END
           FROM generate_series(1, ${DUE + KEPT}) AS i`,
      );
      await db.query(
        `INSERT INTO "${schema}".inbox_event (event_id, event_type, source, topic, partition, kafka_offset, processed_at)
         SELECT '${prefix}-in-' || i, 't', 's', 't', 0, i, now() - CASE WHEN i <= ${DUE} THEN interval '210 hours' ELSE interval '190 hours' END
           FROM generate_series(1, ${DUE + KEPT}) AS i`,
      );
      await db.query(
        `INSERT INTO "${schema}".idempotent_request (scope, key, request_hash, created_at)
         SELECT 'test', '${prefix}-key-' || i, 'h', now() - CASE WHEN i <= ${DUE} THEN interval '50 hours' ELSE interval '1 hour' END
           FROM generate_series(1, ${DUE + KEPT}) AS i`,
      );
    });
  const left = (prefix: string) =>
    withDatabase(async (db) => {
      const count = async (table: string, column: string) =>
        Number((await db.query(`SELECT count(*) AS n FROM "${schema}".${table} WHERE ${column} LIKE $1`, [`${prefix}-%`])).rows[0].n);
      return {
        outbox: await count('outbox_message', 'event_id'),
        inbox: await count('inbox_event', 'event_id'),
        keys: await count('idempotent_request', 'key'),
      };
    });

  it(`deletes ${DUE.toLocaleString('en-US')} due rows of each table in one pass, batch by batch, and keeps the rest`, async () => {
    await plant('one-pass');

    const messaging = await ledger.app.get(MessagingJanitor).sweep({ batch: 1_000, budgetMs: 120_000, pauseMs: 1 });
    const keys = await ledger.app.get(IdempotencyJanitor).sweep({ batch: 1_000, budgetMs: 120_000, pauseMs: 1 });

    expect(messaging).toEqual({ outbox: DUE, inbox: DUE });
    expect(keys).toBe(DUE);
    expect(await left('one-pass')).toEqual({ outbox: KEPT, inbox: KEPT, keys: KEPT });
  });

  it('stops a pass when its time is up and leaves the rest to the next pass', async () => {
    await plant('budget');

    const first = await ledger.app.get(MessagingJanitor).sweep({ batch: 1_000, budgetMs: 0, pauseMs: 0 });
    // One batch per table, then the time is up.
    expect(first).toEqual({ outbox: 1_000, inbox: 1_000 });
    const second = await ledger.app.get(MessagingJanitor).sweep();
    expect(second).toEqual({ outbox: DUE - 1_000, inbox: DUE - 1_000 });
    await ledger.app.get(IdempotencyJanitor).sweep();
    expect(await left('budget')).toEqual({ outbox: KEPT, inbox: KEPT, keys: KEPT });
  });

  it('skips a pass while another instance is sweeping, and deletes nothing twice', async () => {
    await plant('skip');
    await withDatabase(async (other) => {
      // Another instance's pass in progress: it holds the schema's janitor lock.
      await other.query(`SELECT pg_advisory_lock(hashtext('rackeval:janitor'), hashtext($1 || ':messaging'))`, [schema]);
      try {
        expect(await ledger.app.get(MessagingJanitor).sweep()).toEqual({ outbox: 0, inbox: 0 });
        expect((await left('skip')).outbox).toBe(DUE + KEPT);
      } finally {
        await other.query(`SELECT pg_advisory_unlock(hashtext('rackeval:janitor'), hashtext($1 || ':messaging'))`, [schema]);
      }
    });

    const janitor = ledger.app.get(MessagingJanitor);
    const together = await Promise.all([janitor.sweep(), janitor.sweep(), janitor.sweep()]);
    expect(together.reduce((sum, s) => sum + s.outbox, 0)).toBe(DUE);
    expect(together.reduce((sum, s) => sum + s.inbox, 0)).toBe(DUE);
    await ledger.app.get(IdempotencyJanitor).sweep();
    expect(await left('skip')).toEqual({ outbox: KEPT, inbox: KEPT, keys: KEPT });
  });
});
