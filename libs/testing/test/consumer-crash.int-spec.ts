import { Topics } from '@rackeval/contracts';
import { dropSchema, groupCaughtUp, testServiceEnv, waitFor } from '@rackeval/testing';
import { LedgerHarness } from './fixtures/ledger.harness';

describe('consumer killed after its database commit, before its offset commit', () => {
  let sut: LedgerHarness;
  beforeAll(async () => (sut = await LedgerHarness.create()));
  afterAll(() => sut.dispose());

  it('does not apply the redelivered event a second time after restart', async () => {
    const producer = await sut.start();
    const consumerEnv = testServiceEnv('ledger', sut.tokens.publicKeyFile);
    sut.onDispose(() => dropSchema(consumerEnv.DATABASE_SCHEMA));
    const crashing = await sut.startChild({ ...consumerEnv, LEDGER_FAULT: 'after-consumer-commit' });

    const { body } = await sut.register(producer.url, { serial: 'RK-CONSUMER-CRASH' }).expect(201);
    const applied = await crashing.service.waitForLine(/^FAULT-POINT after-consumer-commit (\S+)$/m);
    expect(applied).toBe(body.eventId);
    await crashing.service.kill();
    expect(await sut.ledgerRows(consumerEnv.DATABASE_SCHEMA, 'RK-CONSUMER-CRASH')).toHaveLength(1);
    expect(await groupCaughtUp(consumerEnv.KAFKA_GROUP_ID, Topics.intakeRacks)).toBe(false);

    await sut.startChild(consumerEnv);
    await waitFor('the restarted consumer caught up', () => groupCaughtUp(consumerEnv.KAFKA_GROUP_ID, Topics.intakeRacks), {
      timeoutMs: 40_000,
    });
    expect(await sut.ledgerRows(consumerEnv.DATABASE_SCHEMA, 'RK-CONSUMER-CRASH')).toHaveLength(1);
  });
});
