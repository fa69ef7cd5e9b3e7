/**
 * Infrastructure failures under the event runtime, against the real broker and database: they are
 * retried for as long as they last (never dead-lettered), readiness says so meanwhile, and the
 * partition waiting on them holds up no other partition.
 */
import { deadLetterTopic, RackReceived, Topics } from '@rackeval/contracts';
import { groupCaughtUp, produceRaw, readTopic, testEventRecord, testKafka, uniqueSuffix, waitFor, withDatabase } from '@rackeval/testing';
import request from 'supertest';
import { rackReceived } from './fixtures/ledger.fixture';
import { LedgerHarness } from './fixtures/ledger.harness';

const envelope = (id: string, serial: string) => testEventRecord(RackReceived, rackReceived(serial), { id, correlationid: `corr-${id}` });

describe('infrastructure failures in a consumer', () => {
  let sut: LedgerHarness;
  beforeAll(async () => (sut = await LedgerHarness.create()));
  afterAll(() => sut.dispose());

  it('are retried past the attempt limit until they clear, applied once, never dead-lettered, and readiness reports them meanwhile', async () => {
    // Three attempts for an event's own failures; the "database" stays down for 2.5 s, about ten attempts.
    const ledger = await sut.start({ CONSUMER_MAX_ATTEMPTS: '3', CONSUMER_RETRY_BASE_MS: '50' });
    await waitFor('the ledger ready', async () => (await request(ledger.url).get('/health/ready')).status === 200);
    await produceRaw(Topics.intakeRacks, [envelope('stall-1', 'STALL-2500-A')]);

    const whileDown = await waitFor('readiness to report the paused partition', async () => {
      const answer = await request(ledger.url).get('/health/ready');
      return answer.status === 503 ? answer.body : undefined;
    });
    expect(whileDown.error.consumer.reasons.join(' ')).toMatch(/paused since .* retrying .*administrator command/);
    expect((await request(ledger.url).get('/health/live')).status).toBe(200);

    await waitFor('the event applied', async () => (await sut.ledgerRows(ledger.config.DATABASE_SCHEMA, 'STALL-2500-A')).length === 1, {
      timeoutMs: 15_000,
    });
    await waitFor('readiness back', async () => (await request(ledger.url).get('/health/ready')).status === 200);
    expect(await sut.ledgerRows(ledger.config.DATABASE_SCHEMA, 'STALL-2500-A')).toHaveLength(1);
    const parked = (await readTopic(deadLetterTopic('intake'))).filter((m) => m.headers.ce_id === 'stall-1');
    expect(parked).toEqual([]);
  });

  it('hold up only their own partition: events on the others are applied meanwhile', async () => {
    const ledger = await sut.start({ CONSUMER_RETRY_BASE_MS: '50', KAFKA_PARTITIONS_CONSUMED_CONCURRENTLY: '3' });
    await waitFor('the ledger ready', async () => (await request(ledger.url).get('/health/ready')).status === 200);
    await produceRaw(Topics.intakeRacks, [
      { ...envelope('stall-p0', 'STALL-6000-P0'), partition: 0 },
      { ...envelope('after-p0', 'RK-AFTER-P0'), partition: 0 },
      { ...envelope('free-p1', 'RK-FREE-P1'), partition: 1 },
      { ...envelope('free-p2', 'RK-FREE-P2'), partition: 2 },
    ]);
    const schema = ledger.config.DATABASE_SCHEMA;

    await waitFor(
      'the other partitions applied',
      async () => {
        const [p1, p2] = await Promise.all([sut.ledgerRows(schema, 'RK-FREE-P1'), sut.ledgerRows(schema, 'RK-FREE-P2')]);
        return p1.length === 1 && p2.length === 1;
      },
      { timeoutMs: 4_000 },
    );
    // Order holds within the stalled partition: nothing behind the stalled event has gone ahead of it.
    expect(await sut.ledgerRows(schema, 'STALL-6000-P0')).toEqual([]);
    expect(await sut.ledgerRows(schema, 'RK-AFTER-P0')).toEqual([]);

    await waitFor('the stalled partition drained in order', async () => (await sut.ledgerRows(schema, 'RK-AFTER-P0')).length === 1, {
      timeoutMs: 20_000,
    });
    expect(await sut.ledgerRows(schema, 'STALL-6000-P0')).toHaveLength(1);
  });
});

describe('a slow event', () => {
  let sut: LedgerHarness;
  beforeAll(async () => (sut = await LedgerHarness.create()));
  afterAll(() => sut.dispose());

  it('holds up only its own partition: the others are applied meanwhile, and its own keep their order', async () => {
    const ledger = await sut.start({ KAFKA_PARTITIONS_CONSUMED_CONCURRENTLY: '3' });
    await waitFor('the ledger ready', async () => (await request(ledger.url).get('/health/ready')).status === 200);
    await produceRaw(Topics.intakeRacks, [
      { ...envelope('slow-p0', 'SLOW-5000-P0'), partition: 0 },
      { ...envelope('behind-p0', 'RK-BEHIND-P0'), partition: 0 },
      { ...envelope('quick-p1', 'RK-QUICK-P1'), partition: 1 },
      { ...envelope('quick-p2', 'RK-QUICK-P2'), partition: 2 },
    ]);
    const schema = ledger.config.DATABASE_SCHEMA;
    // Produced after the slow event is under way: with the fetch held up, these would wait 5 s.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    await produceRaw(Topics.intakeRacks, [
      { ...envelope('later-p1', 'RK-LATER-P1'), partition: 1 },
      { ...envelope('later-p2', 'RK-LATER-P2'), partition: 2 },
    ]);

    await waitFor(
      'the other partitions applied, later events too',
      async () => {
        const rows = await Promise.all(
          ['RK-QUICK-P1', 'RK-QUICK-P2', 'RK-LATER-P1', 'RK-LATER-P2'].map((serial) => sut.ledgerRows(schema, serial)),
        );
        return rows.every((found) => found.length === 1);
      },
      { timeoutMs: 3_000 },
    );
    expect(await sut.ledgerRows(schema, 'RK-BEHIND-P0')).toEqual([]);

    await waitFor('the slow partition drained in order', async () => (await sut.ledgerRows(schema, 'RK-BEHIND-P0')).length === 1, {
      timeoutMs: 20_000,
    });
    const order = await withDatabase(async (db) =>
      (
        await db.query(`SELECT rack_serial FROM "${schema}".ledger_entry WHERE rack_serial IN ('SLOW-5000-P0', 'RK-BEHIND-P0') ORDER BY id`)
      ).rows.map((row) => row.rack_serial),
    );
    expect(order).toEqual(['SLOW-5000-P0', 'RK-BEHIND-P0']);
  });
});

describe('a slow event while its group rebalances', () => {
  let sut: LedgerHarness;
  beforeAll(async () => (sut = await LedgerHarness.create()));
  afterAll(() => sut.dispose());

  it('is committed once done, though the group moved to a new generation while it was applied', async () => {
    const groupId = `ledger-rebalance-${uniqueSuffix()}`;
    const ledger = await sut.start({ KAFKA_GROUP_ID: groupId, KAFKA_PARTITIONS_CONSUMED_CONCURRENTLY: '3' });
    await waitFor('the ledger ready', async () => (await request(ledger.url).get('/health/ready')).status === 200);
    // A second member of the group that applies nothing. Member ids sort by client id, and the
    // round-robin assignment gives the first member partitions 0 and 2: partition 0 stays the ledger's.
    const visitor = testKafka('visitor').consumer({ groupId, sessionTimeout: 6_000, maxWaitTimeInMs: 100 });
    sut.onDispose(() => visitor.disconnect());
    await visitor.connect();
    await visitor.subscribe({ topics: [Topics.intakeRacks], fromBeginning: true });
    let joined = false;
    visitor.on(visitor.events.GROUP_JOIN, () => (joined = true));

    // The last record of its partition: nothing after it would move the committed offset past it.
    await produceRaw(Topics.intakeRacks, [{ ...envelope('slow-rebalanced', 'SLOW-6000-REBALANCED'), partition: 0 }]);
    // The visitor joins while the event is being applied: the ledger rejoins in a new generation.
    await new Promise((resolve) => setTimeout(resolve, 150));
    await visitor.run({ autoCommit: false, eachMessage: async () => undefined });
    await waitFor('the visitor in the group', async () => joined, { timeoutMs: 15_000 });
    const schema = ledger.config.DATABASE_SCHEMA;
    expect(await sut.ledgerRows(schema, 'SLOW-6000-REBALANCED')).toEqual([]);

    await waitFor('the slow event applied', async () => (await sut.ledgerRows(schema, 'SLOW-6000-REBALANCED')).length === 1, {
      timeoutMs: 20_000,
    });
    await waitFor('the group committed its partitions to their end', () => groupCaughtUp(groupId, Topics.intakeRacks), {
      timeoutMs: 15_000,
    });
    expect(await sut.ledgerRows(schema, 'SLOW-6000-REBALANCED')).toHaveLength(1);
  });
});

describe('a consumer that kafkajs gives up on', () => {
  let sut: LedgerHarness;
  beforeAll(async () => (sut = await LedgerHarness.create()));
  afterAll(() => sut.dispose());

  it('is rebuilt: the event that crashed it and the ones after it are applied once, and it reports ready again', async () => {
    // A non-retriable failure that escapes the inbox (the first time only; e.g. a broker refusing a
    // record as too large) makes kafkajs give its consumer up for good.
    let escaped = false;
    const ledger = await sut.start(
      {},
      {
        beforeInbox: ({ key }) => {
          if (escaped || !String(key).startsWith('ESCAPE-')) return;
          escaped = true;
          throw Object.assign(new Error(`record for ${String(key)} refused: message too large`), {
            name: 'KafkaJSProtocolError',
            retriable: false,
          });
        },
      },
    );
    await waitFor('the ledger ready', async () => (await request(ledger.url).get('/health/ready')).status === 200);
    await produceRaw(Topics.intakeRacks, [envelope('escape-1', 'ESCAPE-1')]);
    const schema = ledger.config.DATABASE_SCHEMA;

    await waitFor('the crashing event applied after the rebuild', async () => (await sut.ledgerRows(schema, 'ESCAPE-1')).length === 1, {
      timeoutMs: 30_000,
    });
    await produceRaw(Topics.intakeRacks, [envelope('after-escape', 'RK-AFTER-ESCAPE')]);
    await waitFor('a later event applied', async () => (await sut.ledgerRows(schema, 'RK-AFTER-ESCAPE')).length === 1, {
      timeoutMs: 30_000,
    });
    await waitFor('ready again', async () => (await request(ledger.url).get('/health/ready')).status === 200);
    expect(await sut.ledgerRows(schema, 'ESCAPE-1')).toHaveLength(1);
  });
});
