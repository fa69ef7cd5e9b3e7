/**
 * The system under attack: the four services and the gateway as child processes, from source,
 * on fresh schemas in the test database and topics of their own on the dev broker, each service
 * connected as its runtime database role, exactly as the end-to-end tests run them.
 */
import { TestTokens } from '@rackeval/auth/testing';
import { deleteTestTopics, RackevalSystem, uniqueSuffix } from '@rackeval/testing';

export async function startSystem(tokens: TestTokens): Promise<RackevalSystem> {
  // Read by the harness at start: topics of this run only, and every debug line in the captured logs.
  process.env.KAFKA_TOPIC_PREFIX = `security-${uniqueSuffix()}.`;
  process.env.TEST_LOG_LEVEL = 'debug';
  return RackevalSystem.start({ publicKeyFile: tokens.publicKeyFile, gateway: { keyDir: tokens.dir } });
}

export async function stopSystem(system: RackevalSystem | undefined): Promise<void> {
  await system?.stop();
  await deleteTestTopics().catch(() => undefined);
}
