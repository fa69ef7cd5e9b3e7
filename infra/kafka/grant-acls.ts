/**
 * Creates the ACLs of every rackeval principal on the local broker, as `admin` (run by
 * `kafka.sh start` after the broker is ready, and by `kafka.sh acls`; idempotent). The rules come
 * from TOPIC_ACCESS in libs/contracts; see kafkaAclEntries in libs/messaging.
 *
 * Env: KAFKA_BROKERS (127.0.0.1:9092), RACKEVAL_KAFKA_ADMIN_PASSWORD (rackeval-admin),
 *      KAFKA_SASL_MECHANISM (scram-sha-512; docker-compose's broker takes plain),
 *      KAFKA_TOPIC_PREFIX ('' : the topics of `npm start`).
 */
import 'reflect-metadata';
// The one file, not @rackeval/messaging's index: that would load NestJS and TypeORM for nothing.
import { grantKafkaAccess } from '../../libs/messaging/src/kafka/kafka-access';
import { Kafka, logLevel } from 'kafkajs';

async function main(): Promise<void> {
  const kafka = new Kafka({
    clientId: 'rackeval-grant-acls',
    brokers: (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(','),
    sasl: {
      mechanism: process.env.KAFKA_SASL_MECHANISM === 'plain' ? 'plain' : 'scram-sha-512',
      username: 'admin',
      password: process.env.RACKEVAL_KAFKA_ADMIN_PASSWORD ?? 'rackeval-admin',
    },
    logLevel: logLevel.NOTHING,
    retry: { retries: 8, initialRetryTime: 200 },
  });
  const admin = kafka.admin();
  await admin.connect();
  try {
    const count = await grantKafkaAccess(admin, process.env.KAFKA_TOPIC_PREFIX ?? '');
    console.log(`[kafka] ACLs in place (${count} bindings for rackeval-intake, -test-run, -results, -purchase-option, -gateway)`);
  } finally {
    await admin.disconnect();
  }
}

main().catch((error: Error) => {
  console.error(`[kafka] ERROR: creating the ACLs failed: ${error.message}`);
  process.exit(1);
});
