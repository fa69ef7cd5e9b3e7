import type { TestTokens } from '@rackeval/auth/testing';
import type { RunningService } from '@rackeval/testing';
import type { PurchaseOptionConfig } from '../../src/config';
import { start } from '../fixtures';

/** Two instances of the service on one schema, each its own consumer in the group, as a scaled-out deployment runs them. */
export async function twoInstances(
  tokens: TestTokens,
  env: Record<string, string>,
): Promise<[RunningService<PurchaseOptionConfig>, RunningService<PurchaseOptionConfig>]> {
  const first = await start(tokens, env);
  const second = await start(tokens, {
    ...env,
    DATABASE_SCHEMA: first.config.DATABASE_SCHEMA,
    KAFKA_GROUP_ID: `${first.config.KAFKA_GROUP_ID}-second`,
    KAFKA_CLIENT_ID: `${first.config.KAFKA_CLIENT_ID}-second`,
  });
  return [first, second];
}
