import { FindingOpened, RackInspected, RackReceived, toKafkaRecord, Topics } from '@rackeval/contracts';
import { produceEvents, produceRaw, rackReceivedData, waitFor } from '@rackeval/testing';
import { randomUUID } from 'node:crypto';
import { onlyFinding, ResultsHarness } from './support/results.harness';

type Outcome = 'ACCEPTED' | 'QUARANTINED' | 'REJECTED';
type Check = { name: string; passed: boolean; note?: string };

/** Intake's inspections through the broker: one that quarantines or rejects a rack opens a finding per failed check. */
describe('findings opened by inspections', () => {
  let sut: ResultsHarness;

  beforeAll(async () => {
    sut = await ResultsHarness.start();
  });
  afterAll(async () => {
    await sut?.dispose();
  });

  const inspect = async (rackSerial: string, outcome: Outcome, checks: Check[], inspectionId = randomUUID()) => {
    const [event] = await produceEvents(RackInspected, [
      { rackSerial, generation: 'G7', occurredAt: new Date().toISOString(), actor: 'ines', inspectionId, outcome, checks },
    ]);
    return event;
  };
  const findingsOf = async (rackSerial: string) =>
    (await (await sut.as('vic')).get(`/v1/findings?rack=${rackSerial}`).expect(200)).body.items as Array<Record<string, unknown>>;
  /** Waits until the rack has `count` findings: events of one rack share a partition, so everything produced before was read. */
  const findingsOnceThere = (rackSerial: string, count: number) =>
    waitFor(`${count} findings of ${rackSerial}`, async () => {
      const found = await findingsOf(rackSerial);
      return found.length >= count ? found : undefined;
    });
  const openedEvents = async (rackSerial: string) =>
    (await sut.eventsOfType(FindingOpened.type)).filter((e) => e.data.rackSerial === rackSerial);

  it("opens a finding per failed check of a quarantining inspection, with the rack's lot, once whatever is redelivered", async () => {
    await produceEvents(RackReceived, [rackReceivedData('RK-INS-1', { generation: 'G7', lot: 'LOT-I' })]);
    const inspectionId = randomUUID();
    const inspection = await inspect(
      'RK-INS-1',
      'QUARANTINED',
      [
        { name: 'visual-damage', passed: true },
        { name: 'coolant-leak-test', passed: false, note: 'drip at manifold 3' },
        { name: 'torque-check', passed: false },
      ],
      inspectionId,
    );

    const findings = await findingsOnceThere('RK-INS-1', 2);
    const byTitle = [...findings].sort((a, b) => String(a.title).localeCompare(String(b.title)));
    expect(byTitle).toEqual([
      expect.objectContaining({
        origin: 'INSPECTION',
        rackSerial: 'RK-INS-1',
        generation: 'G7',
        lot: 'LOT-I',
        runId: null,
        title: 'inspection: coolant-leak-test failed (QUARANTINED) — drip at manifold 3',
        state: 'OPEN',
        failureClass: null,
        groupKey: 'inspection:coolant-leak-test|-|UNCLASSIFIED',
        openedBy: 'rule:inspection',
      }),
      expect.objectContaining({
        origin: 'INSPECTION',
        lot: 'LOT-I',
        title: 'inspection: torque-check failed (QUARANTINED)',
        groupKey: 'inspection:torque-check|-|UNCLASSIFIED',
        openedBy: 'rule:inspection',
      }),
    ]);

    // The same event again (a redelivery), and the same inspection under a new event id: neither opens another finding.
    await produceRaw(Topics.intakeRacks, [toKafkaRecord(inspection)]);
    await produceEvents(RackInspected, [inspection.data]);
    // A later inspection of the same rack is read after them (same key, same partition): once its finding is there, they were handled.
    await inspect('RK-INS-1', 'REJECTED', [{ name: 'power-on', passed: false, note: 'no POST' }]);
    const after = await findingsOnceThere('RK-INS-1', 3);
    expect(after.map((f) => f.title).sort()).toEqual([
      'inspection: coolant-leak-test failed (QUARANTINED) — drip at manifold 3',
      'inspection: power-on failed (REJECTED) — no POST',
      'inspection: torque-check failed (QUARANTINED)',
    ]);

    const opened = (await openedEvents('RK-INS-1')).filter((e) => e.data.inspectionId === inspectionId);
    expect(opened.map((e) => e.key)).toEqual(['RK-INS-1', 'RK-INS-1']);
    expect(opened.map((e) => e.data).sort((a, b) => String(a.inspectionCheck).localeCompare(String(b.inspectionCheck)))).toEqual([
      expect.objectContaining({
        origin: 'INSPECTION',
        rackSerial: 'RK-INS-1',
        generation: 'G7',
        lot: 'LOT-I',
        inspectionId,
        inspectionCheck: 'coolant-leak-test',
        title: 'inspection: coolant-leak-test failed (QUARANTINED) — drip at manifold 3',
        actor: 'rule:inspection',
      }),
      expect.objectContaining({ inspectionId, inspectionCheck: 'torque-check', actor: 'rule:inspection' }),
    ]);
  });

  it('opens nothing for an accepted rack, and one finding for an inspection that quarantined with no failed check', async () => {
    await produceEvents(RackReceived, [rackReceivedData('RK-INS-2', { generation: 'G7', lot: 'LOT-J' })]);
    await inspect('RK-INS-2', 'ACCEPTED', [
      { name: 'visual-damage', passed: true },
      { name: 'label-legible', passed: false, note: 'smudged' },
    ]);
    await inspect('RK-INS-2', 'QUARANTINED', [{ name: 'visual-damage', passed: true }]);

    onlyFinding(await findingsOnceThere('RK-INS-2', 1), {
      origin: 'INSPECTION',
      lot: 'LOT-J',
      title: 'inspection: rack quarantined with no failed check (QUARANTINED)',
      groupKey: 'inspection|-|UNCLASSIFIED',
      openedBy: 'rule:inspection',
    });
    expect((await openedEvents('RK-INS-2')).map((e) => e.data.title)).toEqual([
      'inspection: rack quarantined with no failed check (QUARANTINED)',
    ]);
  });

  it('keeps the failed check in the group when the finding is triaged, so similar inspection problems stay together', async () => {
    await produceEvents(RackReceived, [rackReceivedData('RK-INS-3', { generation: 'G7', lot: 'LOT-K' })]);
    await produceEvents(RackReceived, [rackReceivedData('RK-INS-4', { generation: 'G7', lot: 'LOT-L' })]);
    await inspect('RK-INS-3', 'QUARANTINED', [{ name: 'Coolant Leak Test', passed: false }]);
    await inspect('RK-INS-4', 'REJECTED', [{ name: 'coolant-leak-test', passed: false }]);
    const [first] = await findingsOnceThere('RK-INS-3', 1);
    const [second] = await findingsOnceThere('RK-INS-4', 1);
    expect(first.groupKey).toBe(second.groupKey);

    const tess = await sut.as('tess');
    for (const finding of [first, second]) {
      const triaged = await tess.post(`/v1/findings/${finding.id}/triage`).send({ failureClass: 'THERMAL' }).expect(200);
      expect(triaged.body.groupKey).toBe('inspection:coolant-leak-test|-|THERMAL');
    }
    const group = await (
      await sut.as('vic')
    )
      .get(`/v1/findings?group=${encodeURIComponent('inspection:coolant-leak-test|-|THERMAL')}`)
      .expect(200);
    expect(group.body.items.map((f: { rackSerial: string }) => f.rackSerial).sort()).toEqual(['RK-INS-3', 'RK-INS-4']);
  });
});
