import { Topics } from '@rackeval/contracts';
import { dropSchema, groupCaughtUp, readTopic, testServiceEnv, waitFor } from '@rackeval/testing';
import { LedgerHarness } from './fixtures/ledger.harness';

describe('outbox relay killed between publishing and marking', () => {
  let harness: LedgerHarness;
  beforeAll(async () => (harness = await LedgerHarness.create()));
  afterAll(() => harness.dispose());

  it('republishes on restart and the consumer applies the event exactly once', async () => {
    const consumer = await harness.start();
    const producerEnv = testServiceEnv('ledger', harness.tokens.publicKeyFile);
    harness.onDispose(() => dropSchema(producerEnv.DATABASE_SCHEMA));
    const crashing = await harness.startChild({ ...producerEnv, LEDGER_FAULT: 'after-relay-publish' });

    const { body } = await harness.register(crashing.url, { serial: 'RK-RELAY-CRASH' }).expect(201);
    const published = await crashing.service.waitForLine(/^FAULT-POINT after-relay-publish (\S+)$/m);
    expect(published).toBe(body.eventId);
    await crashing.service.kill();
    expect(await harness.unpublished(producerEnv.DATABASE_SCHEMA)).toBe(1);

    await harness.startChild(producerEnv);
    await waitFor('the outbox drained after restart', async () => (await harness.unpublished(producerEnv.DATABASE_SCHEMA)) === 0);
    const copies = (await readTopic(Topics.intakeRacks)).filter((m) => m.headers.ce_id === body.eventId);
    expect(copies).toHaveLength(2);
    await waitFor('consumer caught up', () => groupCaughtUp(consumer.config.KAFKA_GROUP_ID, Topics.intakeRacks));
    expect(await harness.ledgerRows(consumer.config.DATABASE_SCHEMA, 'RK-RELAY-CRASH')).toHaveLength(1);
  });
});
