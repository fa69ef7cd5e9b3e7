/**
 * Kafka least privilege: each service's principal authenticates, yet cannot write to another
 * service's topics (a forged "evaluation passed" or audit actor); a client without credentials or
 * with a wrong password gets nowhere. Needs the broker's SASL/SCRAM and ACLs (infra/kafka/kafka.sh);
 * on a broker without them the check says SKIPPED, and that an anonymous client could produce.
 */
import { Kafka, KafkaConfig, logLevel } from 'kafkajs';
import { CheckOutcome, Violation } from '../support/outcome';

const BROKERS = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
const APP_PASSWORD = process.env.RACKEVAL_KAFKA_PASSWORD ?? 'rackeval';
const ADMIN_PASSWORD = process.env.RACKEVAL_KAFKA_ADMIN_PASSWORD ?? 'rackeval-admin';

/** The topic table of @rackeval/contracts, read by name so this file builds with or without it. */
interface TopicAccess {
  KAFKA_CLIENTS: readonly string[];
  kafkaPrincipal(name: string): string;
  topicGrantsOf(name: string, prefix?: string): { produces: string[]; consumes: string[] };
}

const client = (sasl?: KafkaConfig['sasl']) =>
  new Kafka({
    clientId: 'rackeval-security-suite',
    brokers: BROKERS,
    sasl,
    logLevel: logLevel.NOTHING,
    connectionTimeout: 3000,
    requestTimeout: 5000,
    retry: { retries: 0 },
  });

/** Whether a client without credentials gets the broker's metadata: a broker without SASL. */
async function answersAnonymously(): Promise<boolean> {
  const admin = client().admin();
  try {
    await admin.connect();
    await admin.listTopics();
    return true;
  } catch {
    return false;
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

async function listTopicsAsAdmin(): Promise<Set<string>> {
  const admin = client({ mechanism: 'scram-sha-512', username: 'admin', password: ADMIN_PASSWORD }).admin();
  await admin.connect();
  try {
    return new Set(await admin.listTopics());
  } finally {
    await admin.disconnect();
  }
}

/** 'sent', or the kafkajs error type (e.g. TOPIC_AUTHORIZATION_FAILED) / message of the refusal. */
async function tryProduce(kafka: Kafka, topic: string): Promise<{ connected: boolean; result: string }> {
  const producer = kafka.producer({ allowAutoTopicCreation: false });
  try {
    await producer.connect();
  } catch (error) {
    return { connected: false, result: (error as { type?: string; message: string }).type ?? (error as Error).message };
  }
  try {
    await producer.send({ topic, acks: -1, messages: [{ key: 'security-suite', value: 'a forged event: must never be accepted' }] });
    return { connected: true, result: 'sent' };
  } catch (error) {
    const cause = error as { type?: string; message: string; cause?: { type?: string } };
    return { connected: true, result: cause.type ?? cause.cause?.type ?? cause.message };
  } finally {
    await producer.disconnect().catch(() => undefined);
  }
}

export async function checkKafkaAcls(prefix: string): Promise<CheckOutcome> {
  const base = { check: 'Kafka ACLs', target: 'each principal × other services’ topics' };
  if (await answersAnonymously()) {
    // Say what an attacker could do today, so a skip is never read as a pass (the probe topic carries
    // this run's prefix and goes with the run's topics).
    const probe = `${prefix}rackeval.security-probe`;
    const admin = client().admin();
    await admin
      .connect()
      .then(() => admin.createTopics({ topics: [{ topic: probe }], waitForLeaders: true }))
      .catch(() => undefined)
      .finally(() => admin.disconnect().catch(() => undefined));
    const anonymous = await tryProduce(client(), probe);
    const why = anonymous.result === 'sent' ? 'an anonymous client can produce' : `anonymous produce: ${anonymous.result}`;
    return { ...base, tried: 1, violations: [], skipped: `broker without SASL (${why})` };
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- read by name: the table arrived with the broker's SASL
  const access = require('@rackeval/contracts') as Partial<TopicAccess>;
  if (!access.topicGrantsOf || !access.kafkaPrincipal || !access.KAFKA_CLIENTS) {
    return {
      ...base,
      tried: 0,
      violations: [
        {
          what: 'the broker wants SASL but @rackeval/contracts has no topic access table to check it against',
          reproduce: 'grep -n topicGrantsOf libs/contracts/src',
        },
      ],
    };
  }
  const violations: Violation[] = [];
  let tried = 0;
  const services = access.KAFKA_CLIENTS.filter((name) => access.topicGrantsOf!(name, prefix).produces.length);
  const victimTopic = access.topicGrantsOf(services[0], prefix).produces[0];
  // The broker says "not authorised" for topics that do not exist as well: make sure they do, or a
  // wrong topic name would pass as a refusal.
  const existing = await listTopicsAsAdmin();
  const missing = services.flatMap((name) => access.topicGrantsOf!(name, prefix).produces).filter((topic) => !existing.has(topic));
  for (const topic of missing)
    violations.push({
      what: `topic ${topic} does not exist, so refusals to write it prove nothing`,
      reproduce: 'bash infra/kafka/kafka.sh acls',
    });
  const refused = async (what: string, kafka: Kafka, topic: string, reproduce: string) => {
    tried++;
    const { result } = await tryProduce(kafka, topic);
    if (result === 'sent') violations.push({ what: `${what}: produced to ${topic}`, reproduce });
  };
  await refused('a client without credentials', client(), victimTopic, `kcat -b ${BROKERS[0]} -t ${victimTopic} -P`);
  const wrong = { mechanism: 'scram-sha-512' as const, username: access.kafkaPrincipal(services[0]), password: 'not-the-password' };
  await refused(
    'a principal with a wrong password',
    client(wrong),
    victimTopic,
    `kcat -b ${BROKERS[0]} -X security.protocol=SASL_PLAINTEXT -X sasl.mechanisms=SCRAM-SHA-512 -X sasl.username=${wrong.username} -t ${victimTopic} -P`,
  );
  for (const attacker of access.KAFKA_CLIENTS) {
    const username = access.kafkaPrincipal(attacker);
    const kafka = client({ mechanism: 'scram-sha-512', username, password: APP_PASSWORD });
    const own = new Set(access.topicGrantsOf(attacker, prefix).produces);
    for (const victim of services.filter((name) => name !== attacker)) {
      for (const topic of access.topicGrantsOf(victim, prefix).produces.filter((name) => !own.has(name))) {
        tried++;
        const { connected, result } = await tryProduce(kafka, topic);
        const reproduce = `kcat -b ${BROKERS[0]} -X security.protocol=SASL_PLAINTEXT -X sasl.mechanisms=SCRAM-SHA-512 -X sasl.username=${username} -X sasl.password=$RACKEVAL_KAFKA_PASSWORD -t ${topic} -P`;
        // A principal that cannot even sign in proves nothing about ACLs: inconclusive is a failure.
        if (!connected)
          violations.push({ what: `${username} could not authenticate (${result}); the ACL check is inconclusive`, reproduce });
        else if (result === 'sent') violations.push({ what: `${username} produced to ${victim}'s topic ${topic}`, reproduce });
        // Refused for another reason (no such topic, a timeout) says nothing about the ACLs either.
        else if (!/AUTHORIZATION_FAILED|not authorized/i.test(result))
          violations.push({ what: `${username} → ${topic}: ${result}; not an ACL refusal, inconclusive`, reproduce });
      }
    }
    // Reading: READ implies DESCRIBE in Kafka, so a principal refused DESCRIBE (listing the offsets)
    // of a topic it neither writes nor consumes cannot read it either (dead letters hold payloads).
    const mine = new Set([...own, ...access.topicGrantsOf(attacker, prefix).consumes]);
    for (const topic of [...existing].filter(
      (name) => name.startsWith(`${prefix}rackeval.`) && !mine.has(name) && !name.endsWith('security-probe'),
    )) {
      tried++;
      const result = await tryDescribe(kafka, topic);
      if (!/AUTHORIZATION_FAILED|not authorized/i.test(result)) {
        violations.push({
          what: `${username} may describe (so perhaps read) ${topic}, which it neither writes nor consumes: ${result}`,
          reproduce: `kcat -b ${BROKERS[0]} -X sasl.username=${username} … -C -t ${topic}`,
        });
      }
    }
  }
  return { ...base, target: 'each principal × other services’ topics (write) and unrelated topics (read)', tried, violations };
}

/** 'described', or why the broker refused to list the topic's offsets. */
async function tryDescribe(kafka: Kafka, topic: string): Promise<string> {
  const admin = kafka.admin();
  try {
    await admin.connect();
    await admin.fetchTopicOffsets(topic);
    return 'described';
  } catch (error) {
    const cause = error as { type?: string; message: string };
    return cause.type ?? cause.message;
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}
