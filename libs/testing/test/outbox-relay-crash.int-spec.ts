import { Topics } from '@rackeval/contracts';
import { dropSchema, groupCaughtUp, readTopic, testServiceEnv, waitFor } from '@rackeval/testing';
import { LedgerHarness } from './fixtures/ledger.harness';

describe('outbox relay killed between publishing and marking', () => {
  let sut: LedgerHarness;
  beforeAll(async () => (sut = await LedgerHarness.create()));
  afterAll(() => sut.dispose());

  it('republishes on restart and the consumer applies the event exactly once', async () => {
    const consumer = await sut.start();
    const producerEnv = testServiceEnv('ledger', sut.tokens.publicKeyFile);
    sut.onDispose(() => dropSchema(producerEnv.DATABASE_SCHEMA));
    const crashing = await sut.startChild({ ...producerEnv, LEDGER_FAULT: 'after-relay-publish' });

    const { body } = await sut.register(crashing.url, { serial: 'RK-RELAY-CRASH' }).expect(201);
    const published = await crashing.service.waitForLine(/^FAULT-POINT after-relay-publish (\S+)$/m);
    expect(published).toBe(body.eventId);
    await crashing.service.kill();
    expect(await sut.unpublished(producerEnv.DATABASE_SCHEMA)).toBe(1);

    await sut.startChild(producerEnv);
    await waitFor('the outbox drained after restart', async () => (await sut.unpublished(producerEnv.DATABASE_SCHEMA)) === 0);
    const copies = (await readTopic(Topics.intakeRacks)).filter((m) => m.headers.ce_id === body.eventId);
    expect(copies).toHaveLength(2);
    await waitFor('consumer caught up', () => groupCaughtUp(consumer.config.KAFKA_GROUP_ID, Topics.intakeRacks));
    expect(await sut.ledgerRows(consumer.config.DATABASE_SCHEMA, 'RK-RELAY-CRASH')).toHaveLength(1);
  });
});
