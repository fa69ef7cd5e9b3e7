import { Topics } from '@rackeval/contracts';
import { deadLetteredTypes, groupCaughtUp, produceRmaShipment, ServiceHarness, waitFor } from '@rackeval/testing';
import { recipe } from './fixtures';

/**
 * Intake's RMA events are on the topic purchase-option reads to open and end options
 * (options/options.consumer.ts): it has no handler for any of them, so each is skipped on its
 * type, never dead-lettered.
 */
describe("purchase-option: intake's RMA events", () => {
  let sut: ServiceHarness;

  beforeAll(async () => {
    const { service, tokens } = await ServiceHarness.boot(recipe);
    sut = new ServiceHarness(service, tokens);
  });
  afterAll(() => sut?.dispose());

  it('reads an RMA opened, shipped and cancelled, and a rack shipped for it, without dead-lettering any', async () => {
    const serial = 'RK-RMA-purchase-option';
    const sent = await produceRmaShipment(serial);

    await waitFor('the intake topic read to its end', () => groupCaughtUp(sut.service.config.KAFKA_GROUP_ID, Topics.intakeRacks));
    expect(
      await deadLetteredTypes(
        'purchase-option',
        sent.map((event) => event.id),
      ),
    ).toEqual([]);
    // None of them has a handler here: each was skipped on its type, not applied.
    const applied = await sut.sql(`SELECT event_id FROM inbox_event WHERE event_id = ANY($1)`, [sent.map((event) => event.id)]);
    expect(applied).toEqual([]);
  });
});
