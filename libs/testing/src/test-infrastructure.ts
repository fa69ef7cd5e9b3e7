import { KAFKA_CLIENTS, KafkaClientName, kafkaPrincipal, topicPrefix } from '@rackeval/contracts';
import { grantKafkaAccess, KafkaSasl, revokeKafkaAccess } from '@rackeval/messaging';
import { Admin, Kafka, logLevel } from 'kafkajs';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { localAdminUrl, localRolePassword, urlWithDatabase } from './local-postgres';

/**
 * The real PostgreSQL and Kafka the tests talk to; override with the same variables as the services.
 * TEST_DATABASE_URL is an administrator: tests use it to create roles, inspect and drop schemas;
 * the services under test connect as their own owner and runtime roles (see testDatabaseRoles).
 * By default it is the `rackeval_test` database (RACKEVAL_TEST_DB) on the server `npm test` chose
 * (tools/setup/postgres.mjs): PG_ADMIN_URL or 127.0.0.1:5432 when it answers, else the embedded one.
 */
export const TEST_DATABASE_URL =
  process.env.TEST_DATABASE_URL ?? urlWithDatabase(localAdminUrl(), process.env.RACKEVAL_TEST_DB ?? 'rackeval_test');
export const TEST_KAFKA_BROKERS = process.env.KAFKA_BROKERS ?? '127.0.0.1:9092';

export const uniqueSuffix = () => `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;

/**
 * The broker takes SASL/SCRAM only (infra/kafka/kafka.sh). Tests inspect and set up topics as the
 * super user `admin`; the services under test run as their own principals (testServiceEnv), with
 * ACLs for this test file's topics granted by ensureTestKafkaAccess.
 */
export const TEST_KAFKA_ADMIN: KafkaSasl = {
  mechanism: 'scram-sha-512',
  username: 'admin',
  password: process.env.RACKEVAL_KAFKA_ADMIN_PASSWORD ?? 'rackeval-admin',
};
/** The applications' password on the local broker (RACKEVAL_KAFKA_PASSWORD in kafka.sh). */
export const TEST_KAFKA_APP_PASSWORD = process.env.RACKEVAL_KAFKA_PASSWORD ?? 'rackeval';

/** The SASL credentials of an application's own principal, e.g. `rackeval-intake`. */
export const kafkaCredentialsOf = (name: KafkaClientName): KafkaSasl => ({
  mechanism: 'scram-sha-512',
  username: kafkaPrincipal(name),
  password: TEST_KAFKA_APP_PASSWORD,
});

export const isKafkaClient = (name: string): name is KafkaClientName => (KAFKA_CLIENTS as readonly string[]).includes(name);

/** A Kafka client as `admin` (default) or as other credentials; `sasl: null` connects without any. */
export function testKafka(clientId = 'rackeval-test', sasl: KafkaSasl | null = TEST_KAFKA_ADMIN): Kafka {
  return new Kafka({ clientId, brokers: TEST_KAFKA_BROKERS.split(','), sasl: sasl ?? undefined, logLevel: logLevel.NOTHING });
}

const granted = new Map<string, Promise<void>>();

/**
 * Grants every rackeval principal its ACLs on this test file's topics (KAFKA_TOPIC_PREFIX): Kafka
 * matches only name prefixes, so `<test prefix>rackeval.intake.rack-events` needs ACLs of its own.
 * Once per process and prefix; deleteTestTopics revokes them.
 */
export function ensureTestKafkaAccess(prefix = topicPrefix()): Promise<void> {
  let pending = granted.get(prefix);
  if (!pending) {
    pending = asAdmin((admin) => grantKafkaAccess(admin, prefix)).then(() => undefined);
    pending.catch(() => granted.delete(prefix));
    granted.set(prefix, pending);
  }
  return pending;
}

async function asAdmin<T>(work: (admin: Admin) => Promise<T>): Promise<T> {
  const admin = testKafka().admin();
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.disconnect();
  }
}

export async function withDatabase<T>(work: (client: Client) => Promise<T>, url = TEST_DATABASE_URL): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export async function dropSchema(schema: string): Promise<void> {
  await withDatabase((client) => client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`));
}

/** Deletes this test file's topics (they all carry its KAFKA_TOPIC_PREFIX) and the ACLs granted on them. */
export async function deleteTestTopics(): Promise<void> {
  const prefix = topicPrefix();
  if (!prefix) return;
  await asAdmin(async (admin) => {
    const topics = (await admin.listTopics()).filter((topic) => topic.startsWith(prefix));
    if (topics.length) await admin.deleteTopics({ topics, timeout: 10_000 });
    // Child processes may have granted them too: revoke whatever is there.
    granted.delete(prefix);
    await revokeKafkaAccess(admin, prefix);
  });
}

export interface TestDatabaseRoles {
  /** Owns the service's test schemas and runs its migrations (DATABASE_MIGRATION_URL). */
  owner: string;
  /** What the service runs as (DATABASE_URL): USAGE on its schema and DML, as in production. */
  runtime: string;
  ownerUrl: string;
  runtimeUrl: string;
}

/** The same split as infra/postgres/setup.mjs, in the test database: one pair of roles per service name. */
export function testDatabaseRoles(name: string): TestDatabaseRoles {
  const runtime = `rackeval_test_${name.replace(/-/g, '_')}`;
  const owner = `${runtime}_owner`;
  const urlAs = (role: string) => {
    const url = new URL(TEST_DATABASE_URL);
    url.username = role;
    url.password = encodeURIComponent(localRolePassword(role));
    return url.toString();
  };
  return { owner, runtime, ownerUrl: urlAs(owner), runtimeUrl: urlAs(runtime) };
}

const ensured = new Map<string, Promise<TestDatabaseRoles>>();

/**
 * Creates the service's two login roles if missing, each with its own password (generated in the
 * git-ignored state folder, or RACKEVAL_DB_PASSWORD), and sets that password on roles that exist,
 * so password authentication works (idempotent, safe from parallel test files).
 * The owner may create schemas in the test database, as each test gets a fresh one; the runtime
 * role gets its grants from the owner when migrations run, exactly as outside tests.
 */
export function ensureTestDatabaseRoles(name: string): Promise<TestDatabaseRoles> {
  let pending = ensured.get(name);
  if (!pending) {
    pending = createTestDatabaseRoles(testDatabaseRoles(name));
    pending.catch(() => ensured.delete(name));
    ensured.set(name, pending);
  }
  return pending;
}

async function createTestDatabaseRoles(roles: TestDatabaseRoles): Promise<TestDatabaseRoles> {
  await withDatabase(async (client) => {
    await client.query('BEGIN');
    try {
      // Roles and database grants are cluster-wide catalog rows: concurrent creation would collide.
      await client.query(`SELECT pg_advisory_xact_lock(hashtext('rackeval-test:roles'))`);
      for (const role of [roles.owner, roles.runtime]) {
        const { rowCount } = await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role]);
        const password = client.escapeLiteral(localRolePassword(role));
        await client.query(`${rowCount ? 'ALTER' : 'CREATE'} ROLE ${client.escapeIdentifier(role)} LOGIN PASSWORD ${password}`);
      }
      const database = client.escapeIdentifier(new URL(TEST_DATABASE_URL).pathname.slice(1));
      await client.query(`GRANT CREATE ON DATABASE ${database} TO ${client.escapeIdentifier(roles.owner)}`);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK');
      throw error;
    }
  });
  return roles;
}
