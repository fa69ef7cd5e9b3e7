/**
 * The system under attack: the four services and the gateway as child processes, from source,
 * on fresh schemas in the test database and topics of their own on the dev broker, each service
 * connected as its runtime database role, exactly as the end-to-end tests run them.
 */
import { TestTokens } from '@rackeval/auth/testing';
import { deleteTestTopics, dropSchema, ensureTestDatabaseRoles, RackevalSystem, uniqueSuffix } from '@rackeval/testing';

export async function startSystem(tokens: TestTokens): Promise<RackevalSystem> {
  // Read by the harness at start: topics of this run only, and every debug line in the captured logs.
  process.env.KAFKA_TOPIC_PREFIX = `security-${uniqueSuffix()}.`;
  process.env.TEST_LOG_LEVEL = 'debug';
  // The gateway keeps service accounts in a schema of its own, as its runtime role (owner for the schema).
  const gatewayDb = await ensureTestDatabaseRoles('gateway');
  gatewaySchema = `gw_security_${uniqueSuffix()
    .replace(/[^a-z0-9_]/gi, '_')
    .toLowerCase()}`;
  const env = {
    GATEWAY_DATABASE_URL: gatewayDb.runtimeUrl,
    GATEWAY_DATABASE_MIGRATION_URL: gatewayDb.ownerUrl,
    GATEWAY_DATABASE_SCHEMA: gatewaySchema,
  };
  return RackevalSystem.start({ publicKeyFile: tokens.publicKeyFile, gateway: { keyDir: tokens.dir, env } });
}

let gatewaySchema: string | undefined;

export async function stopSystem(system: RackevalSystem | undefined): Promise<void> {
  await system?.stop();
  if (gatewaySchema) await dropSchema(gatewaySchema).catch(() => undefined);
  await deleteTestTopics().catch(() => undefined);
}
