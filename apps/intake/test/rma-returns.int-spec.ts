import {
  OptionDeclined,
  OptionStateChanged,
  RackEvaluationCompleted,
  RackReceived,
  RackReturned,
  RackReturnedFromRma,
  RackStateChanged,
  RmaOpened,
  RmaReceived,
  RmaShipped,
  RunStarted,
  Topics,
} from '@rackeval/contracts';
import { waitFor } from '@rackeval/testing';
import { randomUUID } from 'node:crypto';
import { bomLine, checks, IntakeHarness } from './intake.fixture';
import { optionFact, releasedRacks, runStarted, verdict } from './support/racks';

describe('intake: units of an RMA come back, under their serial as its next incarnation or replaced under a new one', () => {
  let sut: IntakeHarness;
  const serials = Array.from({ length: 12 }, (_, i) => `RK-RB-${String(i + 1).padStart(2, '0')}`);
  /** When the units left and came back: a day apart, in the past (UTC, whole seconds). */
  const shippedAt = new Date(Math.floor(Date.now() / 1000) * 1000 - 2 * 86_400_000).toISOString();
  const receivedAt = new Date(Math.floor(Date.now() / 1000) * 1000 - 86_400_000).toISOString();
  const laterAt = new Date(Math.floor(Date.now() / 1000) * 1000 - 3_600_000).toISOString();

  beforeAll(async () => {
    sut = await IntakeHarness.start();
    await sut.registerGeneration('G1');
    await releasedRacks(sut, 'DEL-RMA-BACK', serials);
  });
  afterAll(() => sut?.dispose());

  const rack = async (serial: string) => (await sut.get(`/v1/racks/${serial}`).expect(200)).body;
  const rma = async (id: string) => (await sut.get(`/v1/rmas/${id}`).expect(200)).body;
  const consumed = (...ids: string[]) => waitFor('events consumed', async () => (await sut.consumed(ids)).length === ids.length);
  const receive = (id: string, body: object, as = 'ada') => sut.post(`/v1/rmas/${id}/receive`, as).send(body);
  const published = () => waitFor('outbox published', async () => (await sut.unpublished()) === 0);

  /** The rack (in `incarnation`) fails its evaluation and finance declines its option: it awaits return. */
  async function awaitingReturn(serial: string, incarnation = 1) {
    await sut.produce(RunStarted, { ...runStarted(serial), incarnation });
    await consumed(await sut.produce(RackEvaluationCompleted, { ...verdict(serial, 'FAILED'), incarnation }));
    await sut.produce(OptionStateChanged, { ...optionFact(serial), from: 'NOT_EXERCISABLE', to: 'DECLINED', reason: 'declined' });
    await consumed(await sut.produce(OptionDeclined, { ...optionFact(serial), from: 'NOT_EXERCISABLE', rationale: 'failed burn-in' }));
    expect((await rack(serial)).state).toBe('AWAITING_RETURN');
  }

  /** An RMA for `units` (each failed and declined first), shipped: its id. */
  async function shipped(rmaNumber: string, units: string[]): Promise<string> {
    for (const serial of units) await awaitingReturn(serial);
    const { id } = (await sut.post('/v1/rmas').send({ rmaNumber, serials: units, findingIds: [] }).expect(201)).body;
    await sut.post(`/v1/rmas/${id}/ship`).send({ shippedAt }).expect(200);
    return id;
  }

  /** Row counts of everything a receipt may write, to prove a refusal wrote nothing. */
  async function written() {
    const [row] = await sut.sql<Record<string, number>>(
      `SELECT (SELECT count(*)::int FROM rma WHERE state = 'RECEIVED') AS received_rmas,
              (SELECT count(*)::int FROM rma_unit WHERE received_at IS NOT NULL) AS received_units,
              (SELECT count(*)::int FROM rma_history) AS rma_history, (SELECT count(*)::int FROM rack) AS racks,
              (SELECT count(*)::int FROM rack_history) AS rack_history, (SELECT count(*)::int FROM bom_line) AS bom_lines,
              (SELECT count(*)::int FROM delivery) AS deliveries, (SELECT count(*)::int FROM outbox_message) AS outbox,
              (SELECT count(*)::int FROM idempotent_request) AS keys, (SELECT sum(version)::int FROM rack) AS rack_versions`,
    );
    return row;
  }

  it('takes a repaired unit back under its serial as incarnation 2 with its new BOM: RECEIVED again, its events in order, the RMA RECEIVED', async () => {
    const id = await shipped('RMA-2026-0101', ['RK-RB-01']);
    const before = await rack('RK-RB-01');
    expect(before).toMatchObject({ incarnation: 1, domesticContentPct: '92.31', replacesSerial: null, replacedBy: null });
    const repairedBom = [bomLine(), bomLine({ partNumber: 'NIC-2', category: 'networking', quantity: 2, unitCost: '10000.00' })];

    const back = await receive(id, {
      receivedAt,
      units: [{ serial: 'RK-RB-01', kind: 'REPAIRED', bom: repairedBom, note: 'NIC swapped for a US-made one' }],
    }).expect(200);
    expect(back.body).toMatchObject({
      state: 'RECEIVED',
      receivedAt: new Date(receivedAt).toISOString(),
      receivedBy: 'ada',
      units: [
        {
          serial: 'RK-RB-01',
          state: 'RECEIVED',
          receivedAt: new Date(receivedAt).toISOString(),
          kind: 'REPAIRED',
          replacementSerial: null,
          incarnation: 2,
          note: 'NIC swapped for a US-made one',
        },
      ],
    });
    expect(back.body.history.map((entry: { from: string | null; to: string }) => `${entry.from} → ${entry.to}`)).toEqual([
      'null → OPEN',
      'OPEN → SHIPPED',
      'SHIPPED → RECEIVED',
    ]);
    expect(await rma(id)).toEqual(back.body);

    const after = await rack('RK-RB-01');
    expect(after).toMatchObject({
      state: 'RECEIVED',
      incarnation: 2,
      incarnations: [
        { incarnation: 1, since: before.receivedAt },
        { incarnation: 2, since: new Date(receivedAt).toISOString(), rmaNumber: 'RMA-2026-0101', kind: 'REPAIRED' },
      ],
      replacesSerial: null,
      replacedBy: null,
      domesticContentPct: '100.00',
      bomCost: '260000.00',
      withdrawnAt: null,
    });
    expect(after.incarnations[0]).toEqual({ incarnation: 1, since: before.receivedAt });
    expect(after.bom.map((line: { partNumber: string }) => line.partNumber)).toEqual(['GPU-B200', 'NIC-2']);
    expect(after.history.at(-1)).toMatchObject({
      from: 'RETURNED_FOR_RMA',
      to: 'RECEIVED',
      actor: 'ada',
      reason: 'returned REPAIRED under RMA RMA-2026-0101, incarnation 2: NIC swapped for a US-made one',
    });

    // Keyed by serial, after the shipment: the state change, then the return with the record as it came back.
    await waitFor('the return on the topic', async () =>
      (await sut.eventsAbout(Topics.intakeRacks, 'RK-RB-01')).some((event) => event.type === RackReturnedFromRma.type),
    );
    const rackEvents = await sut.eventsAbout(Topics.intakeRacks, 'RK-RB-01');
    expect(rackEvents.slice(-2)).toEqual([
      { type: RackStateChanged.type, data: expect.objectContaining({ from: 'RETURNED_FOR_RMA', to: 'RECEIVED', actor: 'ada' }) },
      {
        type: RackReturnedFromRma.type,
        data: expect.objectContaining({
          rackSerial: 'RK-RB-01',
          rmaId: id,
          rmaNumber: 'RMA-2026-0101',
          incarnation: 2,
          kind: 'REPAIRED',
          receivedAt: new Date(receivedAt).toISOString(),
          note: 'NIC swapped for a US-made one',
          domesticContentPct: '100.00',
          bomCost: '260000.00',
          site: 'US-TX-1',
          lot: 'LOT-A',
        }),
      },
    ]);
    await waitFor('the receipt on the topic', async () =>
      (await sut.eventsAbout(Topics.intakeRacks, id)).some((event) => event.type === RmaReceived.type),
    );
    const rmaEvents = await sut.eventsAbout(Topics.intakeRacks, id);
    expect(rmaEvents.map((event) => event.type)).toEqual([RmaOpened.type, RmaShipped.type, RmaReceived.type]);
    expect(rmaEvents[2].data).toMatchObject({
      rmaNumber: 'RMA-2026-0101',
      serials: ['RK-RB-01'],
      receivedAt: new Date(receivedAt).toISOString(),
    });

    // A run and a verdict of the first incarnation reaching intake late are history: read, not applied, not dead-lettered.
    await consumed(
      await sut.produce(RunStarted, runStarted('RK-RB-01')),
      await sut.produce(RackEvaluationCompleted, { ...verdict('RK-RB-01', 'PASSED'), incarnation: 1 }),
    );
    expect(await rack('RK-RB-01')).toMatchObject({ state: 'RECEIVED', version: after.version, incarnation: 2 });

    // Evaluated afresh: inspected and released again.
    const inspected = await sut.post('/v1/racks/RK-RB-01/inspections').send({ checks: checks(), outcome: 'ACCEPTED' }).expect(201);
    expect(inspected.body.state).toBe('RELEASED_FOR_EVALUATION');
  });

  it('receives a unit replaced under a new serial as a new rack naming the one it replaces; the old rack is RETURNED', async () => {
    const id = await shipped('RMA-2026-0102', ['RK-RB-02']);
    const old = await rack('RK-RB-02');

    const back = await receive(id, {
      receivedAt,
      units: [{ serial: 'RK-RB-02', kind: 'REPLACED', replacementSerial: 'RK-RB-02N' }],
    }).expect(200);
    expect(back.body).toMatchObject({
      state: 'RECEIVED',
      units: [{ serial: 'RK-RB-02', state: 'RETURNED', kind: 'REPLACED', replacementSerial: 'RK-RB-02N', incarnation: null }],
    });

    const replacement = await rack('RK-RB-02N');
    expect(replacement).toMatchObject({
      state: 'RECEIVED',
      generation: 'G1',
      lot: old.lot,
      site: old.site,
      deliveryReference: 'RMA-2026-0102',
      receivedAt: new Date(receivedAt).toISOString(),
      domesticContentPct: old.domesticContentPct,
      bomCost: old.bomCost,
      incarnation: 1,
      incarnations: [{ incarnation: 1, since: new Date(receivedAt).toISOString() }],
      replacesSerial: 'RK-RB-02',
      replacedBy: null,
      history: [{ from: null, to: 'RECEIVED', actor: 'ada', reason: 'received under RMA RMA-2026-0102 in place of RK-RB-02 at US-TX-1' }],
    });
    expect(replacement.bom.map(({ line: _line, ...rest }: { line: number }) => rest)).toEqual(
      old.bom.map(({ line: _line, ...rest }: { line: number }) => rest),
    );
    const gone = await rack('RK-RB-02');
    expect(gone).toMatchObject({ state: 'RETURNED', incarnation: 1, replacedBy: 'RK-RB-02N', replacesSerial: null });
    expect(gone.history.at(-1)).toMatchObject({
      from: 'RETURNED_FOR_RMA',
      to: 'RETURNED',
      actor: 'ada',
      reason: 'replaced by RK-RB-02N under RMA RMA-2026-0102',
    });

    await published();
    const [received] = await sut.eventsAbout(Topics.intakeRacks, 'RK-RB-02N');
    expect(received).toEqual({
      type: RackReceived.type,
      data: expect.objectContaining({ replacesSerial: 'RK-RB-02', deliveryReference: 'RMA-2026-0102', generation: 'G1', lot: 'LOT-A' }),
    });
    expect((await sut.eventsAbout(Topics.intakeRacks, 'RK-RB-02')).slice(-2)).toEqual([
      { type: RackStateChanged.type, data: expect.objectContaining({ from: 'RETURNED_FOR_RMA', to: 'RETURNED' }) },
      { type: RackReturned.type, data: expect.objectContaining({ reason: 'replaced by RK-RB-02N under RMA RMA-2026-0102' }) },
    ]);
  });

  it('keeps the RMA SHIPPED while units are out, and makes it RECEIVED once, when the last one is back', async () => {
    const id = await shipped('RMA-2026-0103', ['RK-RB-03', 'RK-RB-04', 'RK-RB-05']);

    const partial = await receive(id, { receivedAt, units: [{ serial: 'RK-RB-03', kind: 'REPAIRED' }] }).expect(200);
    expect(partial.body).toMatchObject({
      state: 'SHIPPED',
      receivedAt: null,
      units: [
        { serial: 'RK-RB-03', state: 'RECEIVED', kind: 'REPAIRED', incarnation: 2 },
        { serial: 'RK-RB-04', state: 'RETURNED_FOR_RMA', receivedAt: null, kind: null, incarnation: null },
        { serial: 'RK-RB-05', state: 'RETURNED_FOR_RMA', receivedAt: null, kind: null, incarnation: null },
      ],
    });
    // Back, the unit may go out again on another RMA while its first one still waits for the others.
    await sut.post('/v1/racks/RK-RB-03/inspections').send({ checks: checks(), outcome: 'ACCEPTED' }).expect(201);
    await awaitingReturn('RK-RB-03', 2);
    await sut
      .post('/v1/rmas')
      .send({ rmaNumber: 'RMA-2026-0113', serials: ['RK-RB-03'], findingIds: [] })
      .expect(201);

    const rest = await receive(id, {
      receivedAt: laterAt,
      units: [
        { serial: 'RK-RB-05', kind: 'REPLACED', replacementSerial: 'RK-RB-05N' },
        { serial: 'RK-RB-04', kind: 'REPLACED' },
      ],
    }).expect(200);
    expect(rest.body).toMatchObject({
      state: 'RECEIVED',
      receivedAt: new Date(laterAt).toISOString(),
      units: [
        { serial: 'RK-RB-03', kind: 'REPAIRED', receivedAt: new Date(receivedAt).toISOString(), incarnation: 2 },
        { serial: 'RK-RB-04', state: 'RECEIVED', kind: 'REPLACED', replacementSerial: null, incarnation: 2 },
        { serial: 'RK-RB-05', state: 'RETURNED', kind: 'REPLACED', replacementSerial: 'RK-RB-05N', incarnation: null },
      ],
    });
    expect((await rack('RK-RB-04')).history.at(-1).reason).toBe('returned REPLACED under RMA RMA-2026-0103, incarnation 2');

    await published();
    const receipts = (await sut.eventsAbout(Topics.intakeRacks, id)).filter((event) => event.type === RmaReceived.type);
    expect(receipts).toEqual([
      {
        type: RmaReceived.type,
        data: expect.objectContaining({ serials: ['RK-RB-03', 'RK-RB-04', 'RK-RB-05'], receivedAt: new Date(laterAt).toISOString() }),
      },
    ]);
    // Nothing is left to come back: receiving again is refused.
    const again = await receive(id, { receivedAt: laterAt, units: [{ serial: 'RK-RB-04', kind: 'REPAIRED' }] }).expect(409);
    expect(again.body).toMatchObject({
      code: 'ILLEGAL_TRANSITION',
      message: 'RMA RMA-2026-0103 is RECEIVED; receiving units back is allowed only for a SHIPPED RMA',
    });
  });

  it('refuses an RMA not shipped (409), a unit not out on it (409), a bad date (400), a known replacement serial (409) and inconsistent units (400), writing nothing', async () => {
    const id = await shipped('RMA-2026-0104', ['RK-RB-06', 'RK-RB-07']);
    await awaitingReturn('RK-RB-08');
    const open = (
      await sut
        .post('/v1/rmas')
        .send({ rmaNumber: 'RMA-2026-0105', serials: ['RK-RB-08'], findingIds: [] })
        .expect(201)
    ).body;
    const before = await written();
    const unit = (serial = 'RK-RB-06', extra: object = {}) => ({ serial, kind: 'REPAIRED', ...extra });

    const notShipped = await receive(open.id, { receivedAt, units: [unit('RK-RB-08')] }).expect(409);
    expect(notShipped.body).toMatchObject({
      code: 'ILLEGAL_TRANSITION',
      message: 'RMA RMA-2026-0105 is OPEN; receiving units back is allowed only for a SHIPPED RMA',
    });

    const notOnIt = await receive(id, { receivedAt, units: [unit(), unit('RK-RB-09')] }).expect(409);
    expect(notOnIt.body).toMatchObject({
      code: 'ILLEGAL_TRANSITION',
      message: expect.stringContaining('rack RK-RB-09 is not a unit of RMA RMA-2026-0104'),
      details: [{ field: 'units[1].serial', message: 'not a unit of RMA RMA-2026-0104' }],
    });

    const future = new Date(Date.now() + 86_400_000).toISOString();
    const tomorrow = await receive(id, { receivedAt: future, units: [unit()] }).expect(400);
    expect(tomorrow.body).toMatchObject({ code: 'INVALID_RMA', details: [{ field: 'receivedAt', message: 'must not be in the future' }] });
    const early = new Date(Date.parse(shippedAt) - 60_000).toISOString();
    const beforeShipping = await receive(id, { receivedAt: early, units: [unit()] }).expect(400);
    expect(beforeShipping.body).toMatchObject({ code: 'INVALID_RMA', details: [{ field: 'receivedAt' }] });

    const known = await receive(id, { receivedAt, units: [unit('RK-RB-06', { kind: 'REPLACED', replacementSerial: 'RK-RB-10' })] }).expect(
      409,
    );
    expect(known.body).toMatchObject({
      code: 'RACK_ALREADY_ON_SITE',
      details: [{ field: 'units[0].replacementSerial', message: 'RK-RB-10 is already known to intake' }],
    });

    const repairedButNew = await receive(id, { receivedAt, units: [unit('RK-RB-06', { replacementSerial: 'RK-RB-06N' })] }).expect(400);
    expect(repairedButNew.body).toMatchObject({ code: 'INVALID_RMA', details: [{ field: 'units[0].kind' }] });
    const twice = await receive(id, { receivedAt, units: [unit(), unit('RK-RB-07'), unit()] }).expect(400);
    expect(twice.body).toMatchObject({ code: 'INVALID_RMA', details: [{ field: 'units[2].serial' }] });
    const mixed = await receive(id, {
      receivedAt,
      units: [unit(), unit('RK-RB-07', { bom: [bomLine(), bomLine({ currency: 'EUR' })] })],
    }).expect(422);
    expect(mixed.body).toMatchObject({ code: 'MIXED_BOM_CURRENCIES', details: [{ field: 'units[1].bom[1].currency' }] });

    const fieldsOf = async (body: object) =>
      (await receive(id, body).expect(400)).body.details.map((detail: { field: string }) => detail.field) as string[];
    expect(await fieldsOf({ receivedAt: '2026-11-30 09:00', units: [unit()] })).toContain('receivedAt');
    expect(await fieldsOf({ receivedAt, units: [] })).toContain('units');
    expect(await fieldsOf({ receivedAt, units: [unit('RK-RB-06', { kind: 'BROKEN' })] })).toContain('units[0].kind');
    await receive(randomUUID(), { receivedAt, units: [unit()] }).expect(404);
    // Only intake and admins record units coming back.
    await receive(id, { receivedAt, units: [unit()] }, 'vic').expect(403);
    await receive(id, { receivedAt, units: [unit()] }, 'fiona').expect(403);

    expect(await written()).toEqual(before);
    expect((await rma(id)).units.map((entry: { state: string }) => entry.state)).toEqual(['RETURNED_FOR_RMA', 'RETURNED_FOR_RMA']);
    await sut.get('/v1/racks/RK-RB-06N').expect(404);
  });

  it('answers a retried receipt with its Idempotency-Key from the first answer, written once', async () => {
    const id = await shipped('RMA-2026-0106', ['RK-RB-11', 'RK-RB-12']);
    const body = {
      receivedAt,
      units: [
        { serial: 'RK-RB-11', kind: 'REPAIRED' },
        { serial: 'RK-RB-12', kind: 'REPLACED', replacementSerial: 'RK-RB-12N' },
      ],
    };
    const first = await receive(id, body).set('Idempotency-Key', 'rma-receive-0106').expect(200);
    const after = await written();
    const retry = await receive(id, body).set('Idempotency-Key', 'rma-receive-0106').expect(200);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.body).toEqual(first.body);
    expect(await written()).toEqual(after);
    expect((await rack('RK-RB-11')).incarnation).toBe(2);
    // Without the key, the same receipt is a new request: the RMA is RECEIVED, refused.
    await receive(id, body).expect(409);
    await published();
    const receipts = (await sut.eventsAbout(Topics.intakeRacks, id)).filter((event) => event.type === RmaReceived.type);
    expect(receipts).toHaveLength(1);
  });
});
