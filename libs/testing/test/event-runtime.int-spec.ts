/**
 * The event runtime against the real broker and database: transactional outbox, idempotent
 * consumer, dead letters, correlation, token checks. Crashes: outbox-relay-crash and consumer-crash.
 */
import { deadLetterTopic, RackReceived, RackReleased, Topics, toKafkaRecord } from '@rackeval/contracts';
import { eventArrivals, MessagingJanitor, UnitOfWork } from '@rackeval/messaging';
import { groupCaughtUp, produceRaw, readTopic, testEvent, testEventRecord, testKafka, waitFor, withDatabase } from '@rackeval/testing';
import request from 'supertest';
import { rackReceived } from './fixtures/ledger.fixture';
import { LedgerHarness } from './fixtures/ledger.harness';

describe('event runtime', () => {
  let sut: LedgerHarness;
  beforeAll(async () => (sut = await LedgerHarness.create()));
  afterAll(() => sut.dispose());

  const startLedger = (env: Record<string, string> = {}) => sut.start(env);
  const register = (url: string, body: object) => sut.register(url, body);
  const ledgerRows = (schema: string, serial: string) => sut.ledgerRows(schema, serial);

  it('delivers a committed event to the consumer once, carrying the request correlation id', async () => {
    const ledger = await startLedger();
    const response = await register(ledger.url, { serial: 'RK-CORR-1' }).set('x-correlation-id', 'trace-42').expect(201);

    const rows = await waitFor('the ledger entry', async () => {
      const found = await ledgerRows(ledger.config.DATABASE_SCHEMA, 'RK-CORR-1');
      return found.length ? found : undefined;
    });
    expect(rows).toEqual([{ event_id: response.body.eventId, correlation_id: 'trace-42' }]);
    const [message] = (await readTopic(Topics.intakeRacks)).filter((m) => m.headers.ce_id === response.body.eventId);
    expect(message.key).toBe('RK-CORR-1');
    expect(message.headers).toMatchObject({
      ce_specversion: '1.0',
      ce_type: RackReceived.type,
      ce_source: 'rackeval/intake',
      ce_subject: 'RK-CORR-1',
      ce_correlationid: 'trace-42',
      'content-type': 'application/json',
    });
  });

  it('publishes nothing from a rolled-back transaction', async () => {
    const ledger = await startLedger();
    await register(ledger.url, { serial: 'RK-ROLLBACK', failAfterPublish: true }).expect(500);
    await register(ledger.url, { serial: 'RK-AFTER-ROLLBACK' }).expect(201);

    await waitFor(
      'the later rack in the ledger',
      async () => (await ledgerRows(ledger.config.DATABASE_SCHEMA, 'RK-AFTER-ROLLBACK')).length === 1,
    );
    const onTopic = (await readTopic(Topics.intakeRacks)).map((m) => m.key);
    expect(onTopic).toContain('RK-AFTER-ROLLBACK');
    expect(onTopic).not.toContain('RK-ROLLBACK');
    expect(await ledgerRows(ledger.config.DATABASE_SCHEMA, 'RK-ROLLBACK')).toEqual([]);
    expect(await sut.racks(ledger.config.DATABASE_SCHEMA)).toBe(1);
  });

  it('dead-letters a poison message with its error and keeps the partition moving', async () => {
    const ledger = await startLedger();
    const envelope = { subject: 'RK-SAME-KEY', correlationid: 'poison-corr' };
    const valid = testEvent(RackReceived, rackReceived('RK-SAME-KEY'), { ...envelope, id: 'poison-1' });
    const poison = toKafkaRecord({ ...valid, data: { ...valid.data, domesticContentPct: 41.5 } });
    const failing = testEventRecord(RackReceived, rackReceived('BROKEN-1'), { ...envelope, id: 'failing-1' });
    const good = testEventRecord(RackReceived, rackReceived('RK-SAME-KEY'), { ...envelope, id: 'good-1' });
    // Same key, so all three share one partition, in this order.
    await produceRaw(Topics.intakeRacks, [poison, { ...failing, key: 'RK-SAME-KEY' }, good]);

    await waitFor('the good event applied', async () => (await ledgerRows(ledger.config.DATABASE_SCHEMA, 'RK-SAME-KEY')).length === 1);
    const deadLetters = await waitFor('two dead letters', async () => {
      const found = (await readTopic(deadLetterTopic('intake'))).filter(
        (m) => m.headers['dlq-consumer-group'] === ledger.config.KAFKA_GROUP_ID,
      );
      return found.length === 2 ? found : undefined;
    });
    const byId = Object.fromEntries(deadLetters.map((m) => [m.headers.ce_id, m]));
    expect(byId['poison-1'].headers['dlq-error-type']).toBe('ContractViolationError');
    expect(byId['poison-1'].headers['dlq-error']).toContain('domesticContentPct');
    expect(byId['poison-1'].headers['dlq-attempts']).toBe('1');
    expect(byId['poison-1'].headers['dlq-original-topic']).toBe(Topics.intakeRacks);
    expect(JSON.parse(byId['poison-1'].value!).domesticContentPct).toBe(41.5);
    expect(byId['failing-1'].headers['dlq-error']).toContain('ledger cannot take BROKEN-1');
    expect(byId['failing-1'].headers['dlq-attempts']).toBe(String(ledger.config.CONSUMER_MAX_ATTEMPTS));
    await waitFor('offsets committed past all three', () => groupCaughtUp(ledger.config.KAFKA_GROUP_ID, Topics.intakeRacks));
  });

  it('skips a type it handles in no version on its header alone: even an undecodable one is not dead-lettered', async () => {
    const ledger = await startLedger();
    const envelope = { subject: 'RK-NOT-MINE', correlationid: 'not-mine-corr' };
    // The ledger consumes RackReceived only; a RackReleased it never reads is garbage to nobody here.
    const notMine = {
      ...testEventRecord(
        RackReleased,
        { rackSerial: 'RK-NOT-MINE', generation: 'G1', occurredAt: new Date().toISOString(), actor: 'ines', site: 'PDX-1' },
        { ...envelope, id: 'not-mine-1' },
      ),
      value: '{"rackSerial": "RK-',
    };
    const good = testEventRecord(RackReceived, rackReceived('RK-NOT-MINE'), { ...envelope, id: 'mine-1' });
    await produceRaw(Topics.intakeRacks, [notMine, good]);

    await waitFor(
      'the event it handles applied',
      async () => (await ledgerRows(ledger.config.DATABASE_SCHEMA, 'RK-NOT-MINE')).length === 1,
    );
    await waitFor('offsets committed past both', () => groupCaughtUp(ledger.config.KAFKA_GROUP_ID, Topics.intakeRacks));
    const deadLetters = (await readTopic(deadLetterTopic('intake'))).filter(
      (m) => m.headers['dlq-consumer-group'] === ledger.config.KAFKA_GROUP_ID,
    );
    expect(deadLetters.map((m) => m.headers.ce_id)).not.toContain('not-mine-1');
  });

  it('refuses a request without a valid token (401) or with the wrong role (403)', async () => {
    const ledger = await startLedger();
    const missing = await request(ledger.url).post('/racks').send({ serial: 'RK-AUTH' }).expect(401);
    expect(missing.body).toMatchObject({ statusCode: 401, code: 'UNAUTHENTICATED' });
    await request(ledger.url).post('/racks').set('authorization', 'Bearer not-a-jwt').send({ serial: 'RK-AUTH' }).expect(401);
    const expired = await sut.tokens.tokenWith({ username: 'ines', roles: ['intake'], expiresAt: Math.floor(Date.now() / 1000) - 60 });
    await request(ledger.url).post('/racks').set('authorization', `Bearer ${expired}`).send({ serial: 'RK-AUTH' }).expect(401);
    const viewer = await sut.tokens.token('vic');
    const forbidden = await request(ledger.url)
      .post('/racks')
      .set('authorization', `Bearer ${viewer}`)
      .send({ serial: 'RK-AUTH' })
      .expect(403);
    expect(forbidden.body.message).toContain('intake');
    expect(await sut.racks(ledger.config.DATABASE_SCHEMA)).toBe(0);
  });

  it('leaves its consumer group on shutdown so partitions move at once', async () => {
    const ledger = await startLedger();
    const admin = testKafka().admin();
    await admin.connect();
    try {
      const describe = async () => (await admin.describeGroups([ledger.config.KAFKA_GROUP_ID])).groups[0];
      expect((await describe()).members).toHaveLength(1);
      await ledger.stop();
      const after = await describe();
      expect(after.members).toHaveLength(0);
      expect(after.state).toBe('Empty');
    } finally {
      await admin.disconnect();
    }
  });

  it('answers a retried POST with the same Idempotency-Key from the first response, writing nothing again', async () => {
    const ledger = await startLedger();
    const first = await register(ledger.url, { serial: 'RK-RETRY' }).set('idempotency-key', 'retry-key-0001').expect(201);
    const again = await register(ledger.url, { serial: 'RK-RETRY' }).set('idempotency-key', 'retry-key-0001').expect(201);
    expect(again.body).toEqual(first.body);
    expect(await sut.racks(ledger.config.DATABASE_SCHEMA)).toBe(1);

    const reused = await register(ledger.url, { serial: 'RK-OTHER' }).set('idempotency-key', 'retry-key-0001').expect(422);
    expect(reused.body).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED', details: [{ field: 'Idempotency-Key' }] });
    await register(ledger.url, { serial: 'RK-OTHER' }).set('idempotency-key', 'bad key!').expect(400);
    expect(await sut.racks(ledger.config.DATABASE_SCHEMA)).toBe(1);
    await waitFor(
      'one ledger entry for the retried rack',
      async () => (await ledgerRows(ledger.config.DATABASE_SCHEMA, 'RK-RETRY')).length === 1,
    );
  });

  it('deletes published outbox rows and processed event ids only after their retention', async () => {
    // Event ids outlive the topics' retention (168 h on the local broker), as start-up requires.
    const ledger = await startLedger({ OUTBOX_RETENTION_HOURS: '24', INBOX_RETENTION_HOURS: '200' });
    const schema = ledger.config.DATABASE_SCHEMA;
    await withDatabase(async (db) => {
      const outbox = (id: string, publishedHoursAgo: number | null, createdHoursAgo = 100) =>
        db.query(
          `INSERT INTO "${schema}".outbox_message (event_id, event_type, topic, partition_key, headers, payload, created_at, published_at)
           VALUES ($1, 't', 't', 'k', '{}', '{}', now() - make_interval(hours => $2), now() - make_interval(hours => $3))`,
          [id, createdHoursAgo, publishedHoursAgo],
        );
      await outbox('old-published', 30);
      await outbox('recent-published', 2);
      await outbox('old-unpublished', null);
      const inbox = (id: string, hoursAgo: number) =>
        db.query(
          `INSERT INTO "${schema}".inbox_event (event_id, event_type, source, topic, partition, kafka_offset, processed_at)
           VALUES ($1, 't', 's', 't', 0, 0, now() - make_interval(hours => $2))`,
          [id, hoursAgo],
        );
      await inbox('old-processed', 210);
      await inbox('recent-processed', 190);
    });

    await ledger.app.get(MessagingJanitor).sweep();

    await withDatabase(async (db) => {
      // The ledger also consumed this file's earlier events; look only at the rows planted here.
      const ids = async (table: string) =>
        (await db.query(`SELECT event_id FROM "${schema}".${table} WHERE event_id ~ '^(old|recent)-' ORDER BY event_id`)).rows.map(
          (r) => r.event_id,
        );
      expect(await ids('outbox_message')).toEqual(['old-unpublished', 'recent-published']);
      expect(await ids('inbox_event')).toEqual(['recent-processed']);
    });
  });

  it('wakes requests waiting on a rack once a change that names it commits, and never for a rolled-back one', async () => {
    const ledger = await startLedger();
    const unitOfWork = ledger.app.get(UnitOfWork);
    const heard: string[] = [];
    const waitOn = (serial: string) => eventArrivals.next(serial, 60_000).then(() => heard.push(serial));
    const rolledBack = waitOn('RK-WAKE-ROLLBACK');
    const committed = waitOn('RK-WAKE-1');
    await expect(
      unitOfWork.run(async (tx) => {
        tx.publish(RackReceived, rackReceived('RK-WAKE-ROLLBACK'));
        throw new Error('refused after publishing');
      }),
    ).rejects.toThrow('refused after publishing');
    await unitOfWork.run(async (tx) => {
      tx.publish(RackReceived, rackReceived('RK-WAKE-1'));
      expect(heard).toEqual([]); // not before the commit
    });
    // Heard as the commit returns: announced by the commit itself, not after a round trip through Kafka.
    expect(heard).toEqual(['RK-WAKE-1']);
    await committed;
    eventArrivals.applied({ subject: 'RK-WAKE-ROLLBACK', data: {} }); // release the other waiter
    await rolledBack;
  });

  it('records any number of events from one transaction, in the order they were published', async () => {
    const ledger = await startLedger({ OUTBOX_POLL_MS: '60000' });
    const serials = Array.from({ length: 12_000 }, (_, i) => `RK-BULK-${String(i).padStart(5, '0')}`);
    await ledger.app.get(UnitOfWork).run(async (tx) => {
      for (const serial of serials) tx.publish(RackReceived, rackReceived(serial));
    });
    const keys = await withDatabase(async (db) =>
      (
        await db.query(
          `SELECT partition_key FROM "${ledger.config.DATABASE_SCHEMA}".outbox_message WHERE partition_key LIKE 'RK-BULK-%' ORDER BY seq`,
        )
      ).rows.map((row) => row.partition_key),
    );
    expect(keys).toEqual(serials);
  });
});
