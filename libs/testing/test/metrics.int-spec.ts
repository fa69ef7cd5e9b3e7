/**
 * What a service's GET /metrics tells an operator, read from the real broker and database: outbox
 * backlog and age, consumer lag per partition, group membership, dead letters by type, the
 * connection pool, and request latency per route.
 */
import { RackReceived, Topics } from '@rackeval/contracts';
import { MESSAGING_SETTINGS, MessagingSettings } from '@rackeval/messaging';
import { produceRaw, RunningService, testEventRecord, waitFor, withDatabase } from '@rackeval/testing';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { LedgerConfig, rackReceived } from './fixtures/ledger.fixture';
import { LedgerHarness } from './fixtures/ledger.harness';

/** The value of one sample in Prometheus text format whose labels include `labels`; undefined when absent. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const found = Object.fromEntries([...(match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1], m[2]]));
    if (Object.entries(labels).every(([key, value]) => found[key] === value)) return Number(match[3]);
  }
  return undefined;
}

describe('GET /metrics of a service', () => {
  let sut: LedgerHarness;
  let ledger: RunningService<LedgerConfig>;
  let settings: MessagingSettings;
  const scrape = async () => (await request(ledger.url).get('/metrics').expect(200)).text;
  const schema = () => ledger.config.DATABASE_SCHEMA;

  beforeAll(async () => {
    sut = await LedgerHarness.create();
    ledger = await sut.start();
    settings = ledger.app.get<MessagingSettings>(MESSAGING_SETTINGS);
    await sut.register(ledger.url, { serial: 'RK-METRICS-1' }).expect(201);
    await waitFor('the ledger entry', async () => (await sut.ledgerRows(schema(), 'RK-METRICS-1')).length === 1);
  });
  afterAll(() => sut.dispose());

  it('shows the consumer a member of its group and the connection pool in use', async () => {
    const text = await waitFor('membership 1', async () => {
      const found = await scrape();
      return sample(found, 'rackeval_consumer_group_member', { service: settings.serviceName, group: settings.groupId }) === 1
        ? found
        : undefined;
    });
    expect(sample(text, 'rackeval_db_pool_max_connections', { service: settings.serviceName })).toBe(5);
    expect(sample(text, 'rackeval_db_pool_connections', { service: settings.serviceName })).toBeGreaterThan(0);
    expect(sample(text, 'rackeval_db_pool_waiting_requests', { service: settings.serviceName })).toBeGreaterThanOrEqual(0);
  });

  it('times requests per route template, not per path', async () => {
    await sut.register(ledger.url, { serial: 'RK-METRICS-2' }).expect(201);
    const text = await scrape();
    expect(
      sample(text, 'rackeval_http_request_duration_seconds_count', { method: 'POST', route: '/racks', status: '201' }),
    ).toBeGreaterThanOrEqual(2);
    expect(text).not.toContain('route="/racks/RK-');
  });

  it('reports an unpublished outbox row as backlog 1 with its age while the relay cannot publish', async () => {
    const before = await scrape();
    expect(sample(before, 'rackeval_outbox_unpublished_events', { service: settings.serviceName })).toBe(0);
    expect(sample(before, 'rackeval_outbox_oldest_unpublished_age_seconds', { service: settings.serviceName })).toBe(0);

    await withDatabase(async (db) => {
      // Another holder keeps the relay lease, as a frozen instance would: nothing gets published.
      await db.query(
        `INSERT INTO "${schema()}".outbox_relay_lease (name, holder, expires_at) VALUES ($1, 'frozen-instance', now() + interval '1 hour')
         ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at`,
        [`outbox-relay:${settings.serviceName}`],
      );
      await db.query(
        `INSERT INTO "${schema()}".outbox_message (event_id, event_type, topic, partition_key, headers, payload, created_at)
         VALUES ($1, $2, $3, 'RK-STUCK', '{}', '{}', now() - interval '30 seconds')`,
        [randomUUID(), RackReceived.type, Topics.intakeRacks],
      );
    });
    const text = await waitFor('backlog 1', async () => {
      const found = await scrape();
      return sample(found, 'rackeval_outbox_unpublished_events', { service: settings.serviceName }) === 1 ? found : undefined;
    });
    expect(sample(text, 'rackeval_outbox_oldest_unpublished_age_seconds', { service: settings.serviceName })).toBeGreaterThanOrEqual(30);
  });

  it('times each applied event from its record being sent and from its receipt to its commit', async () => {
    const totals = async () => {
      const text = await scrape();
      const of = (name: string) => sample(text, name, { type: RackReceived.type }) ?? 0;
      return {
        delivered: of('rackeval_event_delivery_seconds_count'),
        deliverySeconds: of('rackeval_event_delivery_seconds_sum'),
        applied: of('rackeval_event_apply_seconds_count'),
        applySeconds: of('rackeval_event_apply_seconds_sum'),
      };
    };
    const before = await totals();
    // Sent 5 s ago as its record says (a backlog, say), and 800 ms to apply.
    const record = { ...testEventRecord(RackReceived, rackReceived('SLOW-800-METRICS')), timestamp: String(Date.now() - 5_000) };
    await produceRaw(Topics.intakeRacks, [record]);
    const after = await waitFor('the event timed', async () => {
      const now = await totals();
      return now.applied === before.applied + 1 ? now : undefined;
    });
    expect(after.delivered).toBe(before.delivered + 1);
    expect(after.deliverySeconds - before.deliverySeconds).toBeGreaterThanOrEqual(5);
    expect(after.applySeconds - before.applySeconds).toBeGreaterThanOrEqual(0.8);
  });

  it('counts a dead letter by event type', async () => {
    await produceRaw(Topics.intakeRacks, [testEventRecord(RackReceived, rackReceived('BROKEN-METRICS-1'))]);
    const text = await waitFor('the dead-letter counter', async () => {
      const found = await scrape();
      return sample(found, 'rackeval_events_dead_lettered_total', { type: RackReceived.type, topic: Topics.intakeRacks })
        ? found
        : undefined;
    });
    expect(sample(text, 'rackeval_events_dead_lettered_total', { type: RackReceived.type, topic: Topics.intakeRacks })).toBe(1);
    expect(sample(text, 'rackeval_events_consumed_total', { type: RackReceived.type, outcome: 'dead-lettered' })).toBe(1);
  });

  it('shows consumer lag on every partition, and the partition held up by a retried event', async () => {
    const lagOf = (text: string, partition: number) =>
      sample(text, 'rackeval_consumer_lag', { group: settings.groupId, topic: Topics.intakeRacks, partition: String(partition) });
    // The database "is down" for this event for a minute: its partition waits on it, uncommitted.
    await produceRaw(Topics.intakeRacks, [testEventRecord(RackReceived, rackReceived('STALL-60000-METRICS'))]);
    // Lag shows as soon as the event is on the topic; the retry gauge once its first attempt failed.
    const text = await waitFor(
      'lag and a retrying partition',
      async () => {
        const found = await scrape();
        const lagging = [0, 1, 2].some((partition) => (lagOf(found, partition) ?? 0) >= 1);
        return lagging && sample(found, 'rackeval_consumer_partitions_retrying', { kind: 'infrastructure' }) === 1 ? found : undefined;
      },
      { timeoutMs: 30_000 },
    );
    expect([0, 1, 2].every((partition) => typeof lagOf(text, partition) === 'number')).toBe(true);
    expect(sample(text, 'rackeval_consumer_partitions_retrying', { kind: 'infrastructure' })).toBe(1);
  });
});
