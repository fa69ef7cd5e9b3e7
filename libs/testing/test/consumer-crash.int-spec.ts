import { Topics } from '@rackeval/contracts';
import { dropSchema, groupCaughtUp, testServiceEnv, waitFor } from '@rackeval/testing';
import { LedgerHarness } from './fixtures/ledger.harness';

describe('consumer killed after its database commit, before its offset commit', () => {
  let harness: LedgerHarness;
  beforeAll(async () => (harness = await LedgerHarness.create()));
  afterAll(() => harness.dispose());

  it('does not apply the redelivered event a second time after restart', async () => {
    const producer = await harness.start();
    const consumerEnv = testServiceEnv('ledger', harness.tokens.publicKeyFile);
    harness.onDispose(() => dropSchema(consumerEnv.DATABASE_SCHEMA));
    const crashing = await harness.startChild({ ...consumerEnv, LEDGER_FAULT: 'after-consumer-commit' });

    const { body } = await harness.register(producer.url, { serial: 'RK-CONSUMER-CRASH' }).expect(201);
    const applied = await crashing.service.waitForLine(/^FAULT-POINT after-consumer-commit (\S+)$/m);
    expect(applied).toBe(body.eventId);
    await crashing.service.kill();
    expect(await harness.ledgerRows(consumerEnv.DATABASE_SCHEMA, 'RK-CONSUMER-CRASH')).toHaveLength(1);
    expect(await groupCaughtUp(consumerEnv.KAFKA_GROUP_ID, Topics.intakeRacks)).toBe(false);

    await harness.startChild(consumerEnv);
    await waitFor('the restarted consumer caught up', () => groupCaughtUp(consumerEnv.KAFKA_GROUP_ID, Topics.intakeRacks), {
      timeoutMs: 40_000,
    });
    expect(await harness.ledgerRows(consumerEnv.DATABASE_SCHEMA, 'RK-CONSUMER-CRASH')).toHaveLength(1);
  });
});
