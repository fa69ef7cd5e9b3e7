import {
  deadLetterTopic,
  GenerationRegistered,
  RackReceived,
  RackShippedForRma,
  RackStateChanged,
  RmaCancelled,
  RmaOpened,
  RmaShipped,
  Topics,
} from '@rackeval/contracts';
import {
  generationRegisteredData,
  groupCaughtUp,
  produceEvents,
  rackReceivedData,
  readTopic,
  ServiceHarness,
  testKafka,
  waitFor,
} from '@rackeval/testing';
import { randomUUID } from 'node:crypto';
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

  async function deadLettered(ids: string[]): Promise<string[]> {
    const admin = testKafka().admin();
    await admin.connect();
    const topics = await admin.listTopics().finally(() => admin.disconnect());
    const topic = deadLetterTopic('purchase-option');
    const dead = topics.includes(topic) ? await readTopic(topic, { timeoutMs: 5_000 }) : [];
    return dead.filter((message) => ids.includes(message.headers.ce_id)).map((message) => message.headers.ce_type);
  }

  it('reads an RMA opened, shipped and cancelled, and a rack shipped for it, without dead-lettering any', async () => {
    const serial = 'RK-RMA-purchase-option';
    const occurredAt = () => new Date().toISOString();
    const rma = {
      rmaId: randomUUID(),
      rmaNumber: 'RMA-2026-7001',
      serials: [serial],
      findingIds: [randomUUID()],
      actor: 'ines',
      occurredAt: occurredAt(),
    };
    const rack = { rackSerial: serial, generation: 'GX', actor: 'ines', occurredAt: occurredAt() };
    await produceEvents(GenerationRegistered, [generationRegisteredData('GX')]);
    await produceEvents(RackReceived, [rackReceivedData(serial, { generation: 'GX' })]);
    const sent = [
      ...(await produceEvents(RmaOpened, [{ ...rma, notes: 'PSU shelf 2 trips under load' }])),
      ...(await produceEvents(RackStateChanged, [
        {
          ...rack,
          from: 'AWAITING_RETURN' as const,
          to: 'RETURNED_FOR_RMA' as const,
          reason: 'shipped to the manufacturer under RMA RMA-2026-7001',
        },
      ])),
      ...(await produceEvents(RackShippedForRma, [{ ...rack, rmaId: rma.rmaId, rmaNumber: rma.rmaNumber, shippedAt: occurredAt() }])),
      ...(await produceEvents(RmaShipped, [{ ...rma, shippedAt: occurredAt() }])),
      ...(await produceEvents(RmaCancelled, [{ ...rma, rmaId: randomUUID(), rmaNumber: 'RMA-2026-7002', reason: 'reissued' }])),
    ];

    await waitFor('the intake topic read to its end', () => groupCaughtUp(sut.service.config.KAFKA_GROUP_ID, Topics.intakeRacks));
    expect(await deadLettered(sent.map((event) => event.id))).toEqual([]);
    // None of them has a handler here: each was skipped on its type, not applied.
    const applied = await sut.sql(`SELECT event_id FROM inbox_event WHERE event_id = ANY($1)`, [sent.map((event) => event.id)]);
    expect(applied).toEqual([]);
  });
});
