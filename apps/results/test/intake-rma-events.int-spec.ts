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
import { recipe } from './support/results.harness';

/**
 * Intake's RMA events are on the topic results reads for each rack's standing
 * (standing/standing.consumer.ts): the types it has no handler for are skipped, never
 * dead-lettered, and a rack's move to RETURNED_FOR_RMA is recorded (it closes the evaluation).
 */
describe("results: intake's RMA events", () => {
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
    const topic = deadLetterTopic('results');
    const dead = topics.includes(topic) ? await readTopic(topic, { timeoutMs: 5_000 }) : [];
    return dead.filter((message) => ids.includes(message.headers.ce_id)).map((message) => message.headers.ce_type);
  }

  it('reads an RMA opened, shipped and cancelled, and a rack shipped for it, without dead-lettering any', async () => {
    const serial = 'RK-RMA-results';
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
    const [standing] = await sut.sql<{ rack_state: string }>(`SELECT rack_state FROM rack_standing WHERE rack_serial = $1`, [serial]);
    expect(standing).toEqual({ rack_state: 'RETURNED_FOR_RMA' });
  });
});
