/**
 * Consecutive events of a partition are applied in one transaction, against the real broker and
 * database: each still exactly once and in order, and an event that fails is retried and parked
 * alone while the events around it are applied.
 */
import { deadLetterTopic, RackReceived, Topics } from '@rackeval/contracts';
import { produceRaw, readTopic, testEventRecord, waitFor, withDatabase } from '@rackeval/testing';
import { rackReceived } from './fixtures/ledger.fixture';
import { LedgerHarness } from './fixtures/ledger.harness';

const onPartition0 = (id: string, serial: string) => ({
  ...testEventRecord(RackReceived, rackReceived(serial), { id, correlationid: `corr-${id}` }),
  partition: 0,
});

describe('events delivered together on one partition', () => {
  let sut: LedgerHarness;
  beforeAll(async () => {
    sut = await LedgerHarness.create();
    // A first ledger creates the topics, so the events below wait in them for the next one.
    const first = await sut.start();
    await first.stop();
  });
  afterAll(() => sut.dispose());

  async function ledgerOrder(schema: string, prefix: string): Promise<string[]> {
    return withDatabase(async (db) => {
      const { rows } = await db.query(`SELECT rack_serial FROM "${schema}".ledger_entry WHERE rack_serial LIKE $1 ORDER BY id`, [
        `${prefix}%`,
      ]);
      return rows.map((row: { rack_serial: string }) => row.rack_serial);
    });
  }

  it('are applied once each, in order, in one transaction', async () => {
    const serials = Array.from({ length: 10 }, (_, index) => `RK-GROUP-${index}`);
    await produceRaw(
      Topics.intakeRacks,
      serials.map((serial) => onPartition0(`group-${serial}`, serial)),
    );

    const ledger = await sut.start();
    const schema = ledger.config.DATABASE_SCHEMA;
    await waitFor('every event applied', async () => (await ledgerOrder(schema, 'RK-GROUP-')).length === serials.length, {
      timeoutMs: 20_000,
    });

    expect(await ledgerOrder(schema, 'RK-GROUP-')).toEqual(serials);
    const transactions = await withDatabase(
      async (db) =>
        (await db.query(`SELECT count(DISTINCT xmin::text)::int AS n FROM "${schema}".inbox_event WHERE event_id LIKE 'group-RK-GROUP-%'`))
          .rows[0].n,
    );
    expect(transactions).toBe(1);
  });

  it('with one that fails among them: the others are applied once each, in order; it alone is retried, then parked', async () => {
    const serials = ['RK-AROUND-1', 'RK-AROUND-2', 'BROKEN-AROUND-3', 'RK-AROUND-4', 'RK-AROUND-5'];
    await produceRaw(
      Topics.intakeRacks,
      serials.map((serial) => onPartition0(`around-${serial}`, serial)),
    );

    const ledger = await sut.start({ CONSUMER_MAX_ATTEMPTS: '2', CONSUMER_RETRY_BASE_MS: '20' });
    const schema = ledger.config.DATABASE_SCHEMA;
    await waitFor('the events after the failing one applied', async () => (await ledgerOrder(schema, 'RK-AROUND-')).length === 4, {
      timeoutMs: 20_000,
    });

    expect(await ledgerOrder(schema, 'RK-AROUND-')).toEqual(['RK-AROUND-1', 'RK-AROUND-2', 'RK-AROUND-4', 'RK-AROUND-5']);
    expect(await ledgerOrder(schema, 'BROKEN-AROUND-')).toEqual([]);
    const parked = (await readTopic(deadLetterTopic('intake'))).filter(
      (message) => message.headers['dlq-consumer-group'] === ledger.config.KAFKA_GROUP_ID,
    );
    expect(parked.map((message) => [message.headers.ce_id, message.headers['dlq-attempts']])).toEqual([['around-BROKEN-AROUND-3', '2']]);
  });
});
