/**
 * The broker's authentication and ACLs (infra/kafka/kafka.sh, TOPIC_ACCESS in libs/contracts), and
 * the inbox's check of who produced an event, against the real broker: a principal writes only its
 * own topics, reads only what it consumes, in its own groups; a client without credentials gets
 * nothing; a record whose ce_source is not the topic's service is dead-lettered, never applied.
 */
import { deadLetterTopic, RackReceived, Topics } from '@rackeval/contracts';
import { ensureTopics } from '@rackeval/messaging';
import {
  ensureTestKafkaAccess,
  kafkaCredentialsOf,
  produceRaw,
  readTopic,
  testEventRecord,
  testKafka,
  uniqueSuffix,
  waitFor,
} from '@rackeval/testing';
import { KafkaMessage } from 'kafkajs';
import { rackReceived } from './fixtures/ledger.fixture';
import { LedgerHarness } from './fixtures/ledger.harness';

const record = (id: string, serial: string, source: string) =>
  testEventRecord(RackReceived, rackReceived(serial), { id, source, correlationid: `corr-${id}` });

/** The protocol error kafkajs reports (its `type`), or the error's name when it has none. */
async function refusal(attempt: Promise<unknown>): Promise<string> {
  try {
    await attempt;
  } catch (error) {
    const failure = error as { type?: string; name?: string; cause?: { type?: string } };
    return failure.type ?? failure.cause?.type ?? failure.name ?? String(error);
  }
  return 'allowed';
}

/** Sends one record as the given application's principal, as its relay does (idempotent, acks=all). */
async function produceAs(name: 'intake' | 'results' | 'gateway', topic: string): Promise<string> {
  const producer = testKafka(`acl-${name}`, kafkaCredentialsOf(name)).producer({
    idempotent: true,
    maxInFlightRequests: 1,
    allowAutoTopicCreation: false,
    retry: { retries: 1 },
  });
  try {
    return await refusal(
      (async () => {
        await producer.connect();
        await producer.send({ topic, acks: -1, messages: [{ key: 'RK-ACL', value: '{}' }] });
      })(),
    );
  } finally {
    await producer.disconnect().catch(() => undefined);
  }
}

/** Joins `groupId` as the principal and reads `topic` from the beginning until one message arrives. */
async function consumeAs(name: 'intake' | 'test-run', topic: string, groupId: string): Promise<string> {
  const consumer = testKafka(`acl-${name}`, kafkaCredentialsOf(name)).consumer({
    groupId,
    sessionTimeout: 6_000,
    maxWaitTimeInMs: 100,
    retry: { retries: 1 },
  });
  const received: KafkaMessage[] = [];
  try {
    return await refusal(
      (async () => {
        await consumer.connect();
        await consumer.subscribe({ topic, fromBeginning: true });
        const crashed = new Promise<never>((_, reject) => consumer.on(consumer.events.CRASH, ({ payload }) => reject(payload.error)));
        await consumer.run({ eachMessage: async ({ message }) => void received.push(message) });
        await Promise.race([crashed, waitFor(`a message on ${topic}`, () => received.length > 0, { timeoutMs: 20_000 })]);
      })(),
    );
  } finally {
    await consumer.disconnect().catch(() => undefined);
  }
}

describe('Kafka authentication and ACLs', () => {
  const suffix = uniqueSuffix();

  beforeAll(async () => {
    await ensureTestKafkaAccess();
    const admin = testKafka().admin();
    await admin.connect();
    await ensureTopics(admin, [...Object.values(Topics), deadLetterTopic('intake')], 3).finally(() => admin.disconnect());
    await produceRaw(Topics.resultsEvaluations, [{ key: 'RK-ACL', value: '{}', headers: {} }]);
    await produceRaw(Topics.intakeRacks, [{ key: 'RK-ACL', value: '{}', headers: {} }]);
  });

  it('refuses a client without credentials, or with a wrong password', async () => {
    const anonymous = testKafka('acl-anonymous', null).admin({ retry: { retries: 0 } });
    expect(await refusal(anonymous.connect().then(() => anonymous.listTopics()))).not.toBe('allowed');
    await anonymous.disconnect().catch(() => undefined);

    const forged = testKafka('acl-forged', { ...kafkaCredentialsOf('intake'), password: 'not-the-password' }).admin({
      retry: { retries: 0 },
    });
    expect(await refusal(forged.connect())).toBe('KafkaJSSASLAuthenticationError');
    await forged.disconnect().catch(() => undefined);
  });

  it("lets a service produce to its own topic and dead-letter topic, never to another service's topic", async () => {
    expect(await produceAs('intake', Topics.intakeRacks)).toBe('allowed');
    expect(await produceAs('intake', deadLetterTopic('intake'))).toBe('allowed');

    expect(await produceAs('intake', Topics.resultsEvaluations)).toBe('TOPIC_AUTHORIZATION_FAILED');
    expect(await produceAs('intake', deadLetterTopic('results'))).toBe('TOPIC_AUTHORIZATION_FAILED');
    expect(await produceAs('results', Topics.intakeRacks)).toBe('TOPIC_AUTHORIZATION_FAILED');
    // The gateway may write nowhere, so the broker refuses it even a producer id.
    expect(await produceAs('gateway', Topics.purchaseOptions)).toBe('CLUSTER_AUTHORIZATION_FAILED');
  });

  it('lets a service read only the topics it consumes, in consumer groups under its own name', async () => {
    expect(await consumeAs('test-run', Topics.intakeRacks, `rackeval-test-run-acl-${suffix}`)).toBe('allowed');

    expect(await consumeAs('test-run', Topics.purchaseOptions, `rackeval-test-run-acl2-${suffix}`)).toBe('TOPIC_AUTHORIZATION_FAILED');
    expect(await consumeAs('intake', Topics.intakeRacks, `rackeval-intake-acl-${suffix}`)).toBe('TOPIC_AUTHORIZATION_FAILED');

    expect(await consumeAs('intake', Topics.resultsEvaluations, `rackeval-intake-acl-${suffix}`)).toBe('allowed');
    // The broker answers GROUP_AUTHORIZATION_FAILED to FindCoordinator; kafkajs reports it as no coordinator.
    expect(await consumeAs('intake', Topics.resultsEvaluations, `rackeval-results-acl-${suffix}`)).toBe('KafkaJSGroupCoordinatorNotFound');
  });

  describe('the inbox', () => {
    let sut: LedgerHarness;
    beforeAll(async () => (sut = await LedgerHarness.create()));
    afterAll(() => sut.dispose());

    it("dead-letters an event whose ce_source is not the topic's producing service, and applies the next one", async () => {
      // The ledger fixture consumes intake's topic, where only rackeval/intake may speak.
      const ledger = await sut.start();
      await produceRaw(Topics.intakeRacks, [
        record('forged-1', 'RK-FORGED', 'rackeval/results'),
        record('genuine-1', 'RK-GENUINE', 'rackeval/intake'),
      ]);

      await waitFor(
        'the genuine event applied',
        async () => (await sut.ledgerRows(ledger.config.DATABASE_SCHEMA, 'RK-GENUINE')).length === 1,
      );
      const [parked] = await waitFor('the forged event dead-lettered', async () => {
        const found = (await readTopic(deadLetterTopic('intake'))).filter((m) => m.headers.ce_id === 'forged-1');
        return found.length ? found : undefined;
      });
      expect(parked.headers).toMatchObject({
        'dlq-error-type': 'ContractViolationError',
        'dlq-attempts': '1',
        ce_source: 'rackeval/results',
      });
      expect(parked.headers['dlq-error']).toContain('ce_source "rackeval/results"');
      expect(await sut.ledgerRows(ledger.config.DATABASE_SCHEMA, 'RK-FORGED')).toEqual([]);
    });
  });
});
