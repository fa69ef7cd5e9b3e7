/**
 * Work that must happen once, done by two instances of every service sharing one schema and one
 * consumer group, on the real broker and PostgreSQL: the outbox relay (one lease per service), the
 * lapse sweep, the reminders (purchase-option) and the janitors. Six racks go through while both
 * instances run; six more while the purchase-option instance holding the relay lease has been
 * killed (SIGKILL) with events in flight, and comes back. Counted on the topics and in the tables:
 * - every outbox row reaches its topic once while nobody dies; after the kill at least once, and a
 *   second copy only for the one batch the dead holder may have sent without marking it;
 * - each due option lapses once: one audit entry, one `lapsed` event;
 * - one reminder per option entering its reminder band, delivered once;
 * - the janitors' deletes, run by every instance at once, each delete a row once.
 */
import { TestTokens } from '@rackeval/auth/testing';
import { MessagingJanitor, type MessagingSettings } from '@rackeval/messaging';
import {
  answer,
  deleteTestTopics,
  eventually,
  expectStatus,
  PASSED_CHECKS,
  RackevalSystem,
  readTopic,
  SERVICES,
  ServiceName,
  setUpGeneration,
  testDatabaseRoles,
  TestApi,
  waitFor,
  withDatabase,
} from '@rackeval/testing';
import { createServer, type Server } from 'node:http';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { DataSource } from 'typeorm';
import { bom, CRITERIA, PLAN } from './support/programme-fixtures';

// Eight service processes start from source at once; on two loaded cores that takes minutes.
jest.setTimeout(600_000);

const INSTANCES = 2;
const BATCH = 5;
const LAPSED = 'rackeval.purchase-option.option.lapsed.v1';

/** A reminder receiver: every POST it got, as the purchase-option instances sent them. */
class ReminderReceiver {
  readonly received: Array<{ delivery: string; rackSerial: string; kind: string }> = [];
  private server?: Server;
  url = '';

  async start(): Promise<void> {
    this.server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        const payload = JSON.parse(body) as { rackSerial: string; kind: string };
        this.received.push({
          delivery: String(request.headers['x-rackeval-delivery']),
          rackSerial: payload.rackSerial,
          kind: payload.kind,
        });
        response.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}/reminders`;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

describe('once-only work across instances', () => {
  const receiver = new ReminderReceiver();
  let tokens: TestTokens;
  let system: RackevalSystem;
  /** One client per instance index: instance i of every service. */
  let apis: TestApi[];

  beforeAll(async () => {
    await receiver.start();
    tokens = await TestTokens.create();
    const relay = { OUTBOX_BATCH_SIZE: String(BATCH), OUTBOX_LEASE_MS: '2000' };
    system = await RackevalSystem.start({
      publicKeyFile: tokens.publicKeyFile,
      instances: INSTANCES,
      env: {
        intake: relay,
        'test-run': relay,
        results: relay,
        'purchase-option': {
          ...relay,
          LAPSE_SWEEP_INTERVAL_SECONDS: '1',
          REMINDER_INTERVAL_SECONDS: '1',
          REMINDER_EXPIRY_DAYS: '7',
          REMINDER_WEBHOOK_URL: receiver.url,
          REMINDER_WEBHOOK_SECRET: 'once-only-receiver',
        },
      },
    });
    apis = Array.from({ length: INSTANCES }, (_, i) => TestApi.direct({ url: (service: ServiceName) => system.urls(service)[i] }, tokens));
  });

  afterAll(async () => {
    await system?.stop();
    await deleteTestTopics();
    await tokens?.dispose();
    await receiver.stop();
  });

  const table = (service: ServiceName, name: string) => `"${system.schema(service)}".${name}`;
  const query = <T>(sql: string, params: unknown[] = []) => withDatabase(async (client) => (await client.query(sql, params)).rows as T[]);

  const setUpGenerationOf = (code: string, windowDays: number) =>
    setUpGeneration(apis[0], {
      code,
      plan: PLAN,
      criteria: CRITERIA,
      terms: { unitPrice: '3950000.00', currency: 'USD', windowDays, approvalThreshold: '5000000.00' },
    });

  /** Delivers, inspects and evaluates (one passing burn-in) each rack, rack i through instance i mod N. */
  async function evaluate(racks: Array<{ serial: string; generation: string }>, through: (i: number) => TestApi): Promise<void> {
    const delivery = {
      reference: `DLV-${racks[0].serial}`,
      site: 'PDX-1',
      receivedAt: new Date().toISOString(),
      racks: racks.map((r) => ({ ...r, lot: 'LOT-1', bom: bom('high') })),
    };
    expectStatus(await answer(through(0).as('ines').intake.POST('/v1/deliveries', { body: delivery })), 201, 'deliver');
    await Promise.all(
      racks.map(async ({ serial }, i) => {
        const api = through(i);
        const bay = `BAY-${serial}`;
        expectStatus(await answer(api.as('ada').testRun.POST('/v1/bays', { body: { code: bay, site: 'PDX-1' } })), 201, `bay ${bay}`);
        expectStatus(
          await answer(
            api.as('ines').intake.POST('/v1/racks/{serial}/inspections', {
              params: { path: { serial } },
              body: { checks: PASSED_CHECKS, outcome: 'ACCEPTED' },
            }),
          ),
          201,
          `inspect ${serial}`,
        );
        const tariq = api.as('tariq');
        const run = await eventually(
          `schedule ${serial}`,
          () => answer(tariq.testRun.POST('/v1/runs', { body: { rackSerial: serial, suite: 'burn-in', bay } })),
          201,
        );
        expectStatus(await answer(tariq.testRun.POST('/v1/runs/{id}/start', { params: { path: { id: run.id } } })), 200, `start ${serial}`);
        const measurements = [
          { metric: 'training_throughput', unit: 'tokens/s', value: 3400 },
          { metric: 'rack_power', unit: 'kW', value: 121 },
        ];
        await eventually(
          `measure ${serial}`,
          () =>
            answer(tariq.results.POST('/v1/runs/{runId}/measurements', { params: { path: { runId: run.id } }, body: { measurements } })),
          201,
        );
        expectStatus(
          await answer(tariq.testRun.POST('/v1/runs/{id}/complete', { params: { path: { id: run.id } } })),
          200,
          `complete ${serial}`,
        );
      }),
    );
  }

  /** Every option ended as its window says, its reminder delivered, and every outbox row of every service published. */
  async function settled(lapsing: string[], reminded: string[]): Promise<void> {
    await waitFor(
      'options lapsed or exercisable, reminders delivered, outboxes published',
      async () => {
        const states = await query<{ rack_serial: string; state: string }>(
          `SELECT rack_serial, state FROM ${table('purchase-option', 'purchase_option')}`,
        );
        const state = new Map(states.map((row) => [row.rack_serial, row.state]));
        if (!lapsing.every((serial) => state.get(serial) === 'LAPSED') || !reminded.every((serial) => state.get(serial) === 'EXERCISABLE'))
          return false;
        const delivered = await query<{ rack_serial: string }>(
          `SELECT rack_serial FROM ${table('purchase-option', 'reminder')} WHERE state = 'DELIVERED'`,
        );
        if (!reminded.every((serial) => delivered.some((row) => row.rack_serial === serial))) return false;
        for (const service of SERVICES) {
          const [{ unpublished }] = await query<{ unpublished: number }>(
            `SELECT count(*)::int AS unpublished FROM ${table(service, 'outbox_message')} WHERE published_at IS NULL`,
          );
          if (unpublished) return false;
        }
        return true;
      },
      { timeoutMs: 180_000, intervalMs: 500 },
    );
  }

  /** Per service: how many records each of its outbox rows has on its topic. */
  async function copiesOnTopics(): Promise<Map<ServiceName, Map<string, number>>> {
    const out = new Map<ServiceName, Map<string, number>>();
    for (const service of SERVICES) {
      const rows = await query<{ event_id: string; topic: string }>(`SELECT event_id, topic FROM ${table(service, 'outbox_message')}`);
      const copies = new Map(rows.map((row) => [row.event_id, 0]));
      for (const topic of new Set(rows.map((row) => row.topic))) {
        for (const message of await readTopic(topic)) {
          const id = message.headers.ce_id;
          if (copies.has(id)) copies.set(id, copies.get(id)! + 1);
        }
      }
      out.set(service, copies);
    }
    return out;
  }

  /** The instance (0-based) of `service` whose process is `pid`, by the port it listens on. */
  function instanceOfPid(service: ServiceName, pid: number): number {
    const port = /(?:^|\0)PORT=(\d+)/.exec(readFileSync(`/proc/${pid}/environ`, 'utf8'))?.[1];
    const index = system.urls(service).findIndex((url) => new URL(url).port === port);
    if (index < 0) throw new Error(`pid ${pid} is no instance of ${service}`);
    return index;
  }

  const lapsing = (phase: number) => [1, 2, 3].map((n) => `RK-LAP-${phase}${n}`);
  const reminded = (phase: number) => [1, 2, 3].map((n) => `RK-REM-${phase}${n}`);
  const racksOf = (phase: number) => [
    ...lapsing(phase).map((serial) => ({ serial, generation: 'OLAP' })),
    ...reminded(phase).map((serial) => ({ serial, generation: 'OREM' })),
  ];

  it('publishes each outbox row once and lapses and reminds each due option once while both instances run', async () => {
    await setUpGenerationOf('OLAP', 0);
    await setUpGenerationOf('OREM', 3);

    await evaluate(racksOf(1), (i) => apis[i % INSTANCES]);
    await settled(lapsing(1), reminded(1));

    for (const [service, copies] of await copiesOnTopics()) {
      expect([service, [...copies].filter(([, n]) => n !== 1)]).toEqual([service, []]);
      expect(copies.size).toBeGreaterThan(0);
    }
    const audit = await query<{ rack_serial: string; entries: number }>(
      `SELECT rack_serial, count(*)::int AS entries FROM ${table('purchase-option', 'option_audit')} WHERE to_state = 'LAPSED' GROUP BY rack_serial ORDER BY rack_serial`,
    );
    expect(audit).toEqual(lapsing(1).map((rack_serial) => ({ rack_serial, entries: 1 })));
    const lapsedEvents = await query<{ partition_key: string }>(
      `SELECT partition_key FROM ${table('purchase-option', 'outbox_message')} WHERE event_type = $1`,
      [LAPSED],
    );
    expect(lapsedEvents.map((row) => row.partition_key).sort()).toEqual(lapsing(1));
    const reminders = receiver.received.filter((r) => r.kind === 'OPTION_EXPIRING');
    expect(reminders.map((r) => r.rackSerial).sort()).toEqual(reminded(1));
    expect(new Set(reminders.map((r) => r.delivery)).size).toBe(reminders.length);
  });

  it('keeps them once when the instance holding the relay lease is killed with events in flight', async () => {
    const before = await copiesOnTopics();

    // The racks' last calls return while their evaluations, options, lapses and reminders are still on their way.
    await evaluate(racksOf(2), (i) => apis[i % INSTANCES]);
    const [{ holder }] = await query<{ holder: string }>(`SELECT holder FROM ${table('purchase-option', 'outbox_relay_lease')}`);
    const killed = instanceOfPid('purchase-option', Number(holder.split(':')[1]));
    const survivor = (killed + 1) % INSTANCES;
    await system.kill('purchase-option', killed);
    const [{ takenOver }] = await waitFor(
      'relay lease taken over',
      async () => {
        const rows = await query<{ takenOver: boolean }>(
          `SELECT holder <> $1 AS "takenOver" FROM ${table('purchase-option', 'outbox_relay_lease')}`,
          [holder],
        );
        return rows[0]?.takenOver ? rows : undefined;
      },
      { timeoutMs: 60_000, intervalMs: 250 },
    );
    expect(takenOver).toBe(true);
    await system.restart('purchase-option', killed);
    await settled([...lapsing(1), ...lapsing(2)], [...reminded(1), ...reminded(2)]);
    // Nothing the survivor did is lost: instance `survivor` answers for every rack of both phases.
    for (const serial of [...lapsing(2), ...reminded(2)]) {
      expectStatus(
        await answer(
          apis[survivor].as('fiona').purchaseOption.GET('/v1/options/{rackSerial}', { params: { path: { rackSerial: serial } } }),
        ),
        200,
        `read ${serial}`,
      );
    }

    const after = await copiesOnTopics();
    for (const [service, copies] of after) {
      const missing = [...copies].filter(([, n]) => n === 0);
      const repeated = [...copies].filter(([id, n]) => n > 1 && before.get(service)?.get(id) !== n);
      expect([service, missing]).toEqual([service, []]);
      // At-least-once by design: a batch sent but not marked when its sender died goes again, nothing more.
      if (service === 'purchase-option') expect(repeated.length).toBeLessThanOrEqual(BATCH);
      else expect([service, repeated]).toEqual([service, []]);
    }
    const audit = await query<{ rack_serial: string; entries: number }>(
      `SELECT rack_serial, count(*)::int AS entries FROM ${table('purchase-option', 'option_audit')} WHERE to_state = 'LAPSED' GROUP BY rack_serial ORDER BY rack_serial`,
    );
    expect(audit).toEqual([...lapsing(1), ...lapsing(2)].sort().map((rack_serial) => ({ rack_serial, entries: 1 })));
    const lapsedEvents = await query<{ partition_key: string }>(
      `SELECT partition_key FROM ${table('purchase-option', 'outbox_message')} WHERE event_type = $1`,
      [LAPSED],
    );
    expect(lapsedEvents.map((row) => row.partition_key).sort()).toEqual([...lapsing(1), ...lapsing(2)].sort());
    // Intake learnt each lapse once (its inbox holds each event id once by its key; one per rack).
    const intakeLearnt = await waitFor(
      'intake learnt every lapse',
      async () => {
        const learnt = await query<{ event_id: string }>(`SELECT event_id FROM ${table('intake', 'inbox_event')} WHERE event_type = $1`, [
          LAPSED,
        ]);
        return learnt.length >= lapsing(1).length + lapsing(2).length ? learnt : undefined;
      },
      { timeoutMs: 60_000, intervalMs: 250 },
    );
    expect(intakeLearnt).toHaveLength(lapsing(1).length + lapsing(2).length);
    const rows = await query<{ rack_serial: string }>(
      `SELECT rack_serial FROM ${table('purchase-option', 'reminder')} WHERE kind = 'OPTION_EXPIRING' ORDER BY rack_serial`,
    );
    expect(rows.map((row) => row.rack_serial)).toEqual([...reminded(1), ...reminded(2)].sort());
    // A receiver that drops repeats by X-Rackeval-Delivery (as documented) got one reminder per option.
    const byDelivery = new Map(receiver.received.filter((r) => r.kind === 'OPTION_EXPIRING').map((r) => [r.delivery, r.rackSerial]));
    expect([...byDelivery.values()].sort()).toEqual([...reminded(1), ...reminded(2)].sort());
  });

  it('deletes each expired outbox and inbox row once when every instance runs the janitor at the same time', async () => {
    const service: ServiceName = 'purchase-option';
    const [{ outbox, inbox }] = await query<{ outbox: number; inbox: number }>(
      `SELECT (SELECT count(*)::int FROM ${table(service, 'outbox_message')}) AS outbox, (SELECT count(*)::int FROM ${table(service, 'inbox_event')}) AS inbox`,
    );
    // Half of each table made older than its retention (72 h outbox, 336 h inbox by default).
    const [{ expiredOutbox }] = await query<{ expiredOutbox: number }>(
      `WITH aged AS (UPDATE ${table(service, 'outbox_message')} SET published_at = now() - interval '100 hours'
         WHERE seq IN (SELECT seq FROM ${table(service, 'outbox_message')} ORDER BY seq LIMIT $1) RETURNING 1)
       SELECT count(*)::int AS "expiredOutbox" FROM aged`,
      [Math.ceil(outbox / 2)],
    );
    const [{ expiredInbox }] = await query<{ expiredInbox: number }>(
      `WITH aged AS (UPDATE ${table(service, 'inbox_event')} SET processed_at = now() - interval '400 hours'
         WHERE event_id IN (SELECT event_id FROM ${table(service, 'inbox_event')} ORDER BY event_id LIMIT $1) RETURNING 1)
       SELECT count(*)::int AS "expiredInbox" FROM aged`,
      [Math.ceil(inbox / 2)],
    );
    // The janitors' timer is ten minutes: the same class is run here, once per instance, at once,
    // each on its own connection as the service's runtime role.
    const settings = { outboxRetentionHours: 72, inboxRetentionHours: 336 } as MessagingSettings;
    const sources = Array.from(
      { length: INSTANCES + 1 },
      () =>
        new DataSource({
          type: 'postgres',
          url: testDatabaseRoles(service).runtimeUrl,
          schema: system.schema(service),
          extra: { options: `-c search_path=${system.schema(service)}` },
        }),
    );
    await Promise.all(sources.map((source) => source.initialize()));
    try {
      const swept = await Promise.all(sources.map((source) => new MessagingJanitor(source, settings).sweep()));

      expect(swept.reduce((sum, s) => sum + s.outbox, 0)).toBe(expiredOutbox);
      expect(swept.reduce((sum, s) => sum + s.inbox, 0)).toBe(expiredInbox);
    } finally {
      await Promise.all(sources.map((source) => source.destroy()));
    }
    const [left] = await query<{ outbox: number; inbox: number }>(
      `SELECT (SELECT count(*)::int FROM ${table(service, 'outbox_message')}) AS outbox, (SELECT count(*)::int FROM ${table(service, 'inbox_event')}) AS inbox`,
    );
    expect(left).toEqual({ outbox: outbox - expiredOutbox, inbox: inbox - expiredInbox });
  });
});
