import { readRmaShipment, ServiceHarness } from '@rackeval/testing';
import { recipe } from './support/results.harness';

/**
 * Intake's RMA events are on the topic results reads for each rack's standing
 * (standing/standing.consumer.ts): the types it has no handler for are skipped, never
 * dead-lettered, and a rack's move to RETURNED_FOR_RMA is recorded (it closes the evaluation).
 */
describe("results: intake's RMA events", () => {
  let sut: ServiceHarness;

  beforeAll(async () => {
    sut = await ServiceHarness.started(recipe);
  });
  afterAll(() => sut?.dispose());

  it('reads an RMA opened, shipped and cancelled, and a rack shipped for it, without dead-lettering any', async () => {
    const serial = 'RK-RMA-results';
    const { deadLettered } = await readRmaShipment(sut, 'results', serial);

    expect(deadLettered).toEqual([]);
    const [standing] = await sut.sql<{ rack_state: string }>(`SELECT rack_state FROM rack_standing WHERE rack_serial = $1`, [serial]);
    expect(standing).toEqual({ rack_state: 'RETURNED_FOR_RMA' });
  });
});
