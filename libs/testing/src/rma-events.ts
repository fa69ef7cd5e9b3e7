import {
  GenerationRegistered,
  RackReceived,
  RackReturnedFromRma,
  RackShippedForRma,
  RackStateChanged,
  RmaCancelled,
  RmaOpened,
  RmaReceived,
  RmaShipped,
  Topics,
  type CloudEvent,
} from '@rackeval/contracts';
import { rackReceivedData } from '@rackeval/contracts/testing';
import { randomUUID } from 'node:crypto';
import { deadLetteredTypes, groupCaughtUp } from './kafka-inspection';
import type { ServiceHarness } from './service-harness';
import { generationRegisteredData } from './service-recipes';
import { produceEvents } from './test-events';
import { waitFor } from './wait-for';

/**
 * Intake's events around one RMA, as the other services read them on intake's topic: a rack of
 * generation `generation` is received, an RMA for it is opened, the rack moves AWAITING_RETURN →
 * RETURNED_FOR_RMA and is shipped, the RMA is shipped, and a second RMA is cancelled. Returns the
 * events sent after the rack's arrival (the RMA's own), in order.
 */
export async function produceRmaShipment(serial: string, generation = 'GX'): Promise<Array<CloudEvent<object>>> {
  const occurredAt = () => new Date().toISOString();
  const rma = {
    rmaId: randomUUID(),
    rmaNumber: 'RMA-2026-7001',
    serials: [serial],
    findingIds: [randomUUID()],
    actor: 'ines',
    occurredAt: occurredAt(),
  };
  const rack = { rackSerial: serial, generation, actor: 'ines', occurredAt: occurredAt() };
  await produceEvents(GenerationRegistered, [generationRegisteredData(generation)]);
  await produceEvents(RackReceived, [rackReceivedData(serial, { generation })]);
  return [
    ...(await produceEvents(RmaOpened, [{ ...rma, notes: 'PSU shelf 2 trips under load' }])),
    ...(await produceEvents(RackStateChanged, [
      {
        ...rack,
        from: 'AWAITING_RETURN' as const,
        to: 'RETURNED_FOR_RMA' as const,
        reason: `shipped to the manufacturer under RMA ${rma.rmaNumber}`,
      },
    ])),
    ...(await produceEvents(RackShippedForRma, [{ ...rack, rmaId: rma.rmaId, rmaNumber: rma.rmaNumber, shippedAt: occurredAt() }])),
    ...(await produceEvents(RmaShipped, [{ ...rma, shippedAt: occurredAt() }])),
    ...(await produceEvents(RmaCancelled, [{ ...rma, rmaId: randomUUID(), rmaNumber: 'RMA-2026-7002', reason: 'reissued' }])),
  ];
}

/**
 * produceRmaShipment for `serial`, then a wait until the service under test (`sut`, named `service`)
 * has read intake's topic to its end. Returns the events sent and the types of those it dead-lettered.
 */
export async function readRmaShipment(
  sut: ServiceHarness,
  service: string,
  serial: string,
): Promise<{ sent: Array<CloudEvent<object>>; deadLettered: string[] }> {
  const sent = await produceRmaShipment(serial);
  await waitFor('the intake topic read to its end', () => groupCaughtUp(sut.service.config.KAFKA_GROUP_ID, Topics.intakeRacks));
  return {
    sent,
    deadLettered: await deadLetteredTypes(
      service,
      sent.map((event) => event.id),
    ),
  };
}

/**
 * Intake's events when the unit of an RMA comes back repaired under its serial as incarnation
 * `incarnation`: the rack moves RETURNED_FOR_RMA → RECEIVED, its return (with the rack's record as
 * received at first) and the RMA's receipt. `rma` is the RMA as sent by produceRmaShipment (its
 * RmaShipped event's data). Returns the events, in order.
 */
export async function produceRmaReturn(
  serial: string,
  rma: { rmaId: string; rmaNumber: string; serials: string[]; findingIds: string[] },
  { generation = 'GX', incarnation = 2 }: { generation?: string; incarnation?: number } = {},
): Promise<Array<CloudEvent<object>>> {
  const receivedAt = new Date().toISOString();
  const rack = { rackSerial: serial, generation, actor: 'ines', occurredAt: receivedAt };
  const record = rackReceivedData(serial, { generation });
  return [
    ...(await produceEvents(RackStateChanged, [
      { ...rack, from: 'RETURNED_FOR_RMA' as const, to: 'RECEIVED' as const, reason: `returned repaired under RMA ${rma.rmaNumber}` },
    ])),
    ...(await produceEvents(RackReturnedFromRma, [
      {
        ...rack,
        site: record.site,
        lot: record.lot,
        domesticContentPct: record.domesticContentPct,
        domesticContentTargetPct: record.domesticContentTargetPct,
        bomCost: record.bomCost,
        bomCurrency: record.bomCurrency,
        suppliers: record.suppliers,
        bom: record.bom,
        rmaId: rma.rmaId,
        rmaNumber: rma.rmaNumber,
        incarnation,
        kind: 'REPAIRED' as const,
        receivedAt,
      },
    ])),
    ...(await produceEvents(RmaReceived, [{ ...rma, actor: 'ines', occurredAt: receivedAt, receivedAt }])),
  ];
}
