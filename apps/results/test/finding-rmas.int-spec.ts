import { randomUUID } from 'node:crypto';
import { CloudEvent, FindingFixProposed, FindingReported, RmaShipped, RmaShippedV1, Topics, toKafkaRecord } from '@rackeval/contracts';
import { deadLetteredTypes, groupCaughtUp, produceEvents, produceRaw, produceRmaReturn, waitFor } from '@rackeval/testing';
import { ResultsHarness } from './support/results.harness';

const GENERATION = 'G7';

/**
 * Findings follow the RMA that takes them to the manufacturer: intake's rma.shipped links each
 * finding it lists (a triaged one is reported on it) and the unit's return under the RMA proposes
 * the fix of the rack's findings still reported. Read again, neither changes anything.
 */
describe('results: findings on an RMA', () => {
  let sut: ResultsHarness;

  beforeAll(async () => {
    sut = await ResultsHarness.start();
    await sut.learnGeneration(GENERATION);
  });
  afterAll(() => sut?.dispose());

  const open = async (rackSerial: string, title: string): Promise<string> => {
    const tess = await sut.as('tess');
    return (await tess.post('/v1/findings').send({ rackSerial, title }).expect(201)).body.id;
  };
  const triaged = async (rackSerial: string, title: string): Promise<string> => {
    const id = await open(rackSerial, title);
    await (await sut.as('tess')).post(`/v1/findings/${id}/triage`).send({ failureClass: 'POWER' }).expect(200);
    return id;
  };
  const finding = async (id: string) => (await (await sut.as('vic')).get(`/v1/findings/${id}`).expect(200)).body;
  const findingWhere = (id: string, what: string, test: (body: Record<string, unknown>) => boolean) =>
    waitFor(`finding ${id} ${what}`, async () => {
      const body = await finding(id);
      return test(body) ? body : undefined;
    });
  const ship = async (serial: string, rmaNumber: string, findingIds: string[]): Promise<CloudEvent<RmaShippedV1>> => {
    const at = new Date().toISOString();
    const data = { rmaId: randomUUID(), rmaNumber, serials: [serial], findingIds, occurredAt: at, shippedAt: at, actor: 'ines' };
    const [event] = await produceEvents(RmaShipped, [data]);
    return event;
  };
  const transitionsOf = async (type: string, id: string) =>
    (await sut.eventsOfType(type)).filter((event) => event.data.findingId === id).map((event) => event.data);
  const intakeRead = () =>
    waitFor('the intake topic read to its end', () => groupCaughtUp(sut.service.config.KAFKA_GROUP_ID, Topics.intakeRacks));
  const lastStep = (body: Record<string, unknown>) => (body.history as Array<Record<string, unknown>>).at(-1);

  it('reports a triaged finding on the RMA shipped, proposes its fix when the unit comes back, and changes nothing when read again', async () => {
    const serial = 'RK-RMA-F1';
    await sut.receiveRack(serial, GENERATION, 'LOT-A');
    const reportedId = await triaged(serial, 'PSU shelf 2 trips under load');
    const openId = await open(serial, 'fan tray rattles');
    const unknownId = randomUUID();

    const shipped = await ship(serial, 'RMA-2026-7201', [reportedId, openId, unknownId]);

    const reported = await findingWhere(reportedId, 'reported', (body) => body.state === 'REPORTED_TO_MANUFACTURER');
    expect(reported).toMatchObject({ rmaId: shipped.data.rmaId, rmaNumber: 'RMA-2026-7201', version: 3 });
    expect(lastStep(reported)).toMatchObject({
      action: 'report',
      fromState: 'TRIAGED',
      toState: 'REPORTED_TO_MANUFACTURER',
      actor: 'ines',
      note: 'reported to the manufacturer on RMA RMA-2026-7201',
      changes: { rmaId: shipped.data.rmaId, rmaNumber: 'RMA-2026-7201' },
    });
    const linked = await finding(openId);
    expect(linked).toMatchObject({ state: 'OPEN', rmaId: shipped.data.rmaId, rmaNumber: 'RMA-2026-7201' });
    expect(lastStep(linked)).toMatchObject({
      action: 'link-rma',
      fromState: 'OPEN',
      toState: 'OPEN',
      actor: 'ines',
      note: 'on RMA RMA-2026-7201, shipped to the manufacturer; the finding stays OPEN',
    });
    expect(await waitFor('the report on the topic', async () => (await transitionsOf(FindingReported.type, reportedId))[0])).toMatchObject({
      from: 'TRIAGED',
      to: 'REPORTED_TO_MANUFACTURER',
      actor: 'ines',
      note: 'reported to the manufacturer on RMA RMA-2026-7201',
    });
    // The unknown finding id was skipped, not parked.
    expect(await deadLetteredTypes('results', [shipped.id])).toEqual([]);

    const returned = await produceRmaReturn(serial, shipped.data, { generation: GENERATION, incarnation: 2 });

    const proposed = await findingWhere(reportedId, 'fix proposed', (body) => body.state === 'FIX_PROPOSED');
    expect(proposed).toMatchObject({ rmaNumber: 'RMA-2026-7201', version: 4, actions: expect.arrayContaining(['verify', 'reject-fix']) });
    expect(lastStep(proposed)).toMatchObject({
      action: 'propose-fix',
      fromState: 'REPORTED_TO_MANUFACTURER',
      toState: 'FIX_PROPOSED',
      actor: 'ines',
      note: 'unit returned repaired under RMA RMA-2026-7201 (incarnation 2)',
    });
    expect(await waitFor('the fix on the topic', async () => (await transitionsOf(FindingFixProposed.type, reportedId))[0])).toMatchObject({
      to: 'FIX_PROPOSED',
      note: 'unit returned repaired under RMA RMA-2026-7201 (incarnation 2)',
    });
    expect(await finding(openId)).toEqual(linked);

    // Kafka delivers the shipment and the return again: nothing moves, nothing is added.
    await produceRaw(Topics.intakeRacks, [shipped, ...returned].map(toKafkaRecord));
    await intakeRead();
    expect(await finding(reportedId)).toEqual(proposed);
    expect(await finding(openId)).toEqual(linked);
    expect(await transitionsOf(FindingReported.type, reportedId)).toHaveLength(1);
    expect(await transitionsOf(FindingFixProposed.type, reportedId)).toHaveLength(1);
    expect(await deadLetteredTypes('results', [shipped.id, ...returned.map((event) => event.id)])).toEqual([]);
  });

  it('proposes the fix when the shipment is read after the unit came back', async () => {
    const serial = 'RK-RMA-F2';
    await sut.receiveRack(serial, GENERATION, 'LOT-A');
    const id = await triaged(serial, 'coolant leak at CDU');
    const rma = { rmaId: randomUUID(), rmaNumber: 'RMA-2026-7202', serials: [serial], findingIds: [id] };
    await produceRmaReturn(serial, rma, { generation: GENERATION, incarnation: 2 });
    await intakeRead();
    expect(await finding(id)).toMatchObject({ state: 'TRIAGED', rmaId: null });

    const at = new Date().toISOString();
    await produceEvents(RmaShipped, [{ ...rma, occurredAt: at, shippedAt: at, actor: 'ines' }]);

    const proposed = await findingWhere(id, 'fix proposed', (body) => body.state === 'FIX_PROPOSED');
    expect(proposed).toMatchObject({ rmaId: rma.rmaId, rmaNumber: 'RMA-2026-7202' });
    expect((proposed.history as Array<{ action: string }>).map((step) => step.action)).toEqual(['open', 'triage', 'report', 'propose-fix']);
    expect(lastStep(proposed)).toMatchObject({ note: 'unit returned repaired under RMA RMA-2026-7202 (incarnation 2)' });
  });
});
