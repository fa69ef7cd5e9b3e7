import { RackShippedForRma } from '@rackeval/contracts';
import { readRmaShipment, ServiceHarness } from '@rackeval/testing';
import { recipe } from './fixtures';

/**
 * Intake's RMA events are on the topic purchase-option reads to open and end options
 * (options/options.consumer.ts): the rack's shipped-for-rma is recorded (finance sees the RMA on the
 * option); the RMA's own events and the rack's state change have no handler here and are skipped on
 * their type. None is dead-lettered. The unit's return is rma-return.int-spec.ts.
 */
describe("purchase-option: intake's RMA events", () => {
  let sut: ServiceHarness;

  beforeAll(async () => {
    sut = await ServiceHarness.started(recipe);
  });
  afterAll(() => sut?.dispose());

  it('reads an RMA opened, shipped and cancelled, and records the rack shipped for it, without dead-lettering any', async () => {
    const serial = 'RK-RMA-purchase-option';
    const { sent, deadLettered } = await readRmaShipment(sut, 'purchase-option', serial);

    expect(deadLettered).toEqual([]);
    // Only the rack's shipment was applied; the rest were skipped on their type.
    const applied = await sut.sql(`SELECT event_id FROM inbox_event WHERE event_id = ANY($1)`, [sent.map((event) => event.id)]);
    const shipment = sent.find((event) => event.type === RackShippedForRma.type)!;
    expect(applied).toEqual([{ event_id: shipment.id }]);
    expect(await sut.sql(`SELECT rack_serial, rma_number, received_at FROM rack_rma WHERE rack_serial = $1`, [serial])).toEqual([
      { rack_serial: serial, rma_number: 'RMA-2026-7001', received_at: null },
    ]);
  });
});
