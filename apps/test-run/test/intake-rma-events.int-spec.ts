import { readRmaShipment, ServiceHarness } from '@rackeval/testing';
import { recipe } from './support/test-run.harness';

/**
 * Intake's RMA events are on the topic test-run reads for its copy of each rack's state
 * (racks/intake-events.consumer.ts): the types it has no handler for are skipped, never
 * dead-lettered, and a rack's move to RETURNED_FOR_RMA is a RackStateChanged like any other.
 */
describe("test-run: intake's RMA events", () => {
  let sut: ServiceHarness;

  beforeAll(async () => {
    sut = await ServiceHarness.started(recipe);
  });
  afterAll(() => sut?.dispose());

  it('reads an RMA opened, shipped and cancelled, and a rack shipped for it, without dead-lettering any', async () => {
    const serial = 'RK-RMA-test-run';
    const { deadLettered } = await readRmaShipment(sut, 'test-run', serial);

    expect(deadLettered).toEqual([]);
    const [known] = await sut.sql<{ state: string }>(`SELECT state FROM known_rack WHERE serial = $1`, [serial]);
    expect(known).toEqual({ state: 'RETURNED_FOR_RMA' });
  });
});
