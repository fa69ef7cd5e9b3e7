import {
  OptionDeclined,
  OptionEndedV1,
  OptionLapsed,
  OptionStateChanged,
  RackEvaluationCompleted,
  RackShippedForRma,
  RackStateChanged,
  RmaCancelled,
  RmaOpened,
  RmaShipped,
  RunStarted,
  Topics,
} from '@rackeval/contracts';
import { waitFor } from '@rackeval/testing';
import { randomUUID } from 'node:crypto';
import { IntakeHarness } from './intake.fixture';
import { optionFact, releasedRacks, runStarted, verdict } from './support/racks';

describe('intake: RMAs send failed racks back to the manufacturer', () => {
  let sut: IntakeHarness;
  const serials = ['RK-R-01', 'RK-R-02', 'RK-R-03', 'RK-R-04', 'RK-R-05', 'RK-R-06', 'RK-R-07', 'RK-R-08', 'RK-R-09'];

  beforeAll(async () => {
    sut = await IntakeHarness.start();
    await sut.registerGeneration('G1');
    await releasedRacks(sut, 'DEL-RMA', serials);
  });
  afterAll(() => sut?.dispose());

  const rack = async (serial: string) => (await sut.get(`/v1/racks/${serial}`).expect(200)).body;
  const consumed = (...ids: string[]) => waitFor('events consumed', async () => (await sut.consumed(ids)).length === ids.length);
  /** Fails its evaluation, then its option ends as finance decided (declined) or by expiry (lapsed): the rack awaits return. */
  async function failedAndEnded(serial: string, how: 'declined' | 'lapsed') {
    await sut.produce(RunStarted, runStarted(serial));
    await consumed(await sut.produce(RackEvaluationCompleted, verdict(serial, 'FAILED')));
    await sut.produce(OptionStateChanged, {
      ...optionFact(serial),
      from: 'NOT_EXERCISABLE',
      to: how === 'declined' ? 'DECLINED' : 'LAPSED',
      reason: how,
    });
    const ended: OptionEndedV1 = {
      ...optionFact(serial),
      from: 'NOT_EXERCISABLE',
      rationale: how === 'declined' ? 'failed burn-in' : 'window closed',
    };
    await consumed(await sut.produce(how === 'declined' ? OptionDeclined : OptionLapsed, ended));
    expect((await rack(serial)).state).toBe('AWAITING_RETURN');
  }
  const open = (body: object, as = 'ines') => sut.post('/v1/rmas', as).send(body);
  const rmaFor = (rmaNumber: string, rackSerials: string[], findingIds: string[] = []) => ({ rmaNumber, serials: rackSerials, findingIds });
  /** Row counts of everything an RMA request may write, to prove a refusal wrote nothing. */
  async function written() {
    const [row] = await sut.sql<Record<string, number>>(
      `SELECT (SELECT count(*)::int FROM rma) AS rmas, (SELECT count(*)::int FROM rma_unit) AS units,
              (SELECT count(*)::int FROM rma_history) AS rma_history, (SELECT count(*)::int FROM rack_history) AS rack_history,
              (SELECT count(*)::int FROM outbox_message) AS outbox, (SELECT count(*)::int FROM idempotent_request) AS keys`,
    );
    return row;
  }

  it('opens an RMA for failed racks whose option was declined or lapsed, ships it, and the racks read back RETURNED_FOR_RMA; its events are on the topic in order', async () => {
    await failedAndEnded('RK-R-01', 'declined');
    await failedAndEnded('RK-R-02', 'lapsed');
    const finding = randomUUID();

    const opened = await open({
      ...rmaFor('RMA-2026-0001', ['RK-R-02', 'RK-R-01'], [finding]),
      notes: 'PSU shelf 2 trips under load',
    }).expect(201);
    expect(opened.body).toMatchObject({
      rmaNumber: 'RMA-2026-0001',
      state: 'OPEN',
      serials: ['RK-R-02', 'RK-R-01'],
      findingIds: [finding],
      notes: 'PSU shelf 2 trips under load',
      createdBy: 'ines',
      shippedAt: null,
      units: [
        { serial: 'RK-R-02', generation: 'G1', lot: 'LOT-A', state: 'AWAITING_RETURN' },
        { serial: 'RK-R-01', generation: 'G1', lot: 'LOT-A', state: 'AWAITING_RETURN' },
      ],
      history: [{ from: null, to: 'OPEN', actor: 'ines' }],
    });
    const id: string = opened.body.id;
    // Finance sees the open RMA of a rack.
    const listed = await sut.get('/v1/rmas?state=OPEN&serial=RK-R-01', 'fiona').expect(200);
    expect(listed.body.items.map((rma: { id: string }) => rma.id)).toEqual([id]);

    const shipped = await sut.post(`/v1/rmas/${id}/ship`, 'ada').send({ shippedAt: '2026-11-29T16:30:00Z' }).expect(200);
    expect(shipped.body).toMatchObject({
      state: 'SHIPPED',
      shippedAt: '2026-11-29T16:30:00.000Z',
      shippedBy: 'ada',
      units: [expect.objectContaining({ state: 'RETURNED_FOR_RMA' }), expect.objectContaining({ state: 'RETURNED_FOR_RMA' })],
    });
    expect(shipped.body.history.map((entry: { from: string | null; to: string }) => `${entry.from} → ${entry.to}`)).toEqual([
      'null → OPEN',
      'OPEN → SHIPPED',
    ]);
    for (const serial of ['RK-R-01', 'RK-R-02']) {
      const back = await rack(serial);
      expect(back.state).toBe('RETURNED_FOR_RMA');
      expect(back.history.at(-1)).toMatchObject({
        from: 'AWAITING_RETURN',
        to: 'RETURNED_FOR_RMA',
        actor: 'ada',
        reason: 'shipped to the manufacturer under RMA RMA-2026-0001',
      });
    }
    expect((await sut.get(`/v1/rmas/${id}`).expect(200)).body).toEqual(shipped.body);

    // Keyed by the RMA's id: opened, then shipped.
    await waitFor('RMA events on the topic', async () => (await sut.eventsAbout(Topics.intakeRacks, id)).length === 2);
    const rmaEvents = await sut.eventsAbout(Topics.intakeRacks, id);
    expect(rmaEvents.map((event) => event.type)).toEqual([RmaOpened.type, RmaShipped.type]);
    expect(rmaEvents[1].data).toMatchObject({
      rmaId: id,
      rmaNumber: 'RMA-2026-0001',
      serials: ['RK-R-02', 'RK-R-01'],
      findingIds: [finding],
      shippedAt: '2026-11-29T16:30:00.000Z',
      actor: 'ada',
    });
    // Keyed by serial, after the rack's earlier moves: its state change, then the shipment.
    await waitFor('rack events on the topic', async () =>
      (await sut.eventsAbout(Topics.intakeRacks, 'RK-R-01')).some((event) => event.type === RackShippedForRma.type),
    );
    const rackEvents = await sut.eventsAbout(Topics.intakeRacks, 'RK-R-01');
    expect(rackEvents.slice(-2)).toEqual([
      { type: RackStateChanged.type, data: expect.objectContaining({ from: 'AWAITING_RETURN', to: 'RETURNED_FOR_RMA', actor: 'ada' }) },
      {
        type: RackShippedForRma.type,
        data: expect.objectContaining({ rmaId: id, rmaNumber: 'RMA-2026-0001', shippedAt: '2026-11-29T16:30:00.000Z' }),
      },
    ]);
  });

  it('refuses a rack not awaiting return (409 naming it and its state), an unknown serial (404) and bad fields (400 naming each), writing nothing', async () => {
    await failedAndEnded('RK-R-03', 'declined');
    const before = await written();
    const versions = (await rack('RK-R-04')).version;

    const notAwaiting = await open(rmaFor('RMA-2026-0003', ['RK-R-03', 'RK-R-04'])).expect(409);
    expect(notAwaiting.body).toMatchObject({
      code: 'RACK_NOT_AWAITING_RETURN',
      message: expect.stringContaining('rack RK-R-04 is RELEASED_FOR_EVALUATION; an RMA takes only racks AWAITING_RETURN'),
      details: [{ field: 'serials[1]', message: 'is RELEASED_FOR_EVALUATION, not AWAITING_RETURN' }],
    });
    const unknown = await open(rmaFor('RMA-2026-0003', ['RK-R-03', 'RK-NOPE-1'])).expect(404);
    expect(unknown.body).toMatchObject({ code: 'RACK_NOT_FOUND', details: [{ field: 'serials[1]', message: 'no rack RK-NOPE-1' }] });

    const fieldsOf = async (body: object) =>
      (await open(body).expect(400)).body.details.map((detail: { field: string }) => detail.field) as string[];
    expect(await fieldsOf(rmaFor('rma 3', ['RK-R-03']))).toContain('rmaNumber');
    expect(await fieldsOf(rmaFor('RMA-2026-0003', ['RK-R-03', 'RK-R-03']))).toContain('serials');
    expect(await fieldsOf(rmaFor('RMA-2026-0003', []))).toContain('serials');
    expect(await fieldsOf(rmaFor('RMA-2026-0003', ['RK-R-03'], ['not-a-uuid']))).toContain('findingIds');
    expect(await fieldsOf({ rmaNumber: 'RMA-2026-0003', serials: ['RK-R-03'] })).toContain('findingIds');
    expect(await fieldsOf({ ...rmaFor('RMA-2026-0003', ['RK-R-03']), extra: 1 })).toContain('extra');
    // A viewer reads RMAs but writes none.
    await open(rmaFor('RMA-2026-0003', ['RK-R-03']), 'vic').expect(403);

    expect(await written()).toEqual(before);
    expect((await rack('RK-R-04')).version).toBe(versions);
    expect((await rack('RK-R-03')).state).toBe('AWAITING_RETURN');
  });

  it('puts a rack on one open RMA at a time and keeps RMA numbers unique; a cancelled RMA frees its racks', async () => {
    await failedAndEnded('RK-R-05', 'lapsed');
    await failedAndEnded('RK-R-06', 'declined');
    const first = await open(rmaFor('RMA-2026-0005', ['RK-R-05'])).expect(201);
    const before = await written();

    const onAnother = await open(rmaFor('RMA-2026-0006', ['RK-R-06', 'RK-R-05'])).expect(409);
    expect(onAnother.body).toMatchObject({
      code: 'RACK_ON_ANOTHER_RMA',
      message: expect.stringContaining('rack RK-R-05 is on RMA RMA-2026-0005 (OPEN)'),
      details: [{ field: 'serials[1]' }],
    });
    const taken = await open(rmaFor('RMA-2026-0005', ['RK-R-06'])).expect(409);
    expect(taken.body).toMatchObject({ code: 'RMA_NUMBER_TAKEN', details: [{ field: 'rmaNumber' }] });
    expect(await written()).toEqual(before);

    await sut.post(`/v1/rmas/${first.body.id}/cancel`).send({ reason: ' ' }).expect(400);
    const cancelled = await sut
      .post(`/v1/rmas/${first.body.id}/cancel`)
      .send({ reason: 'manufacturer reissued it as RMA-2026-0007' })
      .expect(200);
    expect(cancelled.body).toMatchObject({
      state: 'CANCELLED',
      cancelledBy: 'ines',
      cancelReason: 'manufacturer reissued it as RMA-2026-0007',
      units: [expect.objectContaining({ serial: 'RK-R-05', state: 'AWAITING_RETURN' })],
    });
    const ship = await sut.post(`/v1/rmas/${first.body.id}/ship`).send({ shippedAt: '2026-11-29T16:30:00Z' }).expect(409);
    expect(ship.body).toMatchObject({
      code: 'ILLEGAL_TRANSITION',
      message: 'RMA RMA-2026-0005 is CANCELLED; shipping is allowed only for an OPEN RMA',
    });

    const again = await open(rmaFor('RMA-2026-0007', ['RK-R-05', 'RK-R-06'])).expect(201);
    expect(again.body.serials).toEqual(['RK-R-05', 'RK-R-06']);
    const listed = (await sut.get('/v1/rmas?serial=RK-R-05').expect(200)).body.items.map((rma: { rmaNumber: string }) => rma.rmaNumber);
    expect(listed).toEqual(['RMA-2026-0007', 'RMA-2026-0005']);
    await waitFor('cancellation on the topic', async () =>
      (await sut.eventsAbout(Topics.intakeRacks, first.body.id)).some((event) => event.type === RmaCancelled.type),
    );
  });

  it('refuses to ship twice (409), to cancel a shipped RMA (409) or a shipment in the future (400), writing nothing', async () => {
    await failedAndEnded('RK-R-07', 'declined');
    const { id } = (await open(rmaFor('RMA-2026-0008', ['RK-R-07'])).expect(201)).body;
    const future = new Date(Date.now() + 24 * 3600_000).toISOString();
    const early = await sut.post(`/v1/rmas/${id}/ship`).send({ shippedAt: future }).expect(400);
    expect(early.body).toMatchObject({ code: 'INVALID_RMA', details: [{ field: 'shippedAt', message: 'must not be in the future' }] });
    const badDate = await sut.post(`/v1/rmas/${id}/ship`).send({ shippedAt: '2026-11-29 16:30' }).expect(400);
    expect(badDate.body.details.map((detail: { field: string }) => detail.field)).toEqual(['shippedAt']);
    expect((await sut.get(`/v1/rmas/${id}`).expect(200)).body.state).toBe('OPEN');

    await sut.post(`/v1/rmas/${id}/ship`).send({ shippedAt: '2026-11-30T08:00:00Z' }).expect(200);
    const before = await written();
    const twice = await sut.post(`/v1/rmas/${id}/ship`).send({ shippedAt: '2026-11-30T08:00:00Z' }).expect(409);
    expect(twice.body).toMatchObject({
      code: 'ILLEGAL_TRANSITION',
      message: 'RMA RMA-2026-0008 is SHIPPED; shipping is allowed only for an OPEN RMA',
    });
    await sut.post(`/v1/rmas/${id}/cancel`).send({ reason: 'too late' }).expect(409);
    expect(await written()).toEqual(before);
    expect((await rack('RK-R-07')).state).toBe('RETURNED_FOR_RMA');

    await sut.get(`/v1/rmas/${randomUUID()}`).expect(404);
    expect((await sut.get('/v1/rmas/not-a-uuid').expect(400)).body.details).toEqual([expect.objectContaining({ field: 'id' })]);
  });

  it('answers a retried POST with its Idempotency-Key from the first answer: the same RMA, written once', async () => {
    await failedAndEnded('RK-R-08', 'lapsed');
    const body = rmaFor('RMA-2026-0009', ['RK-R-08']);
    const first = await open(body).set('Idempotency-Key', 'rma-open-0009').expect(201);
    const before = await written();
    const retry = await open(body).set('Idempotency-Key', 'rma-open-0009').expect(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.body).toEqual(first.body);
    expect(await written()).toEqual(before);
    // Without the key, the same number is a new request, refused.
    await open(body).expect(409);

    const ship = () =>
      sut.post(`/v1/rmas/${first.body.id}/ship`).set('Idempotency-Key', 'rma-ship-0009').send({ shippedAt: '2026-11-30T08:00:00Z' });
    const shipped = await ship().expect(200);
    const afterShip = await written();
    const replayed = await ship().expect(200);
    expect(replayed.headers['idempotent-replayed']).toBe('true');
    expect(replayed.body).toEqual(shipped.body);
    expect(await written()).toEqual(afterShip);
  });

  it('pages the list newest first with a cursor, and refuses a forged cursor', async () => {
    await failedAndEnded('RK-R-09', 'declined');
    await open(rmaFor('RMA-2026-0010', ['RK-R-09'])).expect(201);
    const all = (await sut.get('/v1/rmas?limit=500').expect(200)).body.items.map((rma: { rmaNumber: string }) => rma.rmaNumber);
    const paged: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { items: Array<{ rmaNumber: string }>; nextCursor: string | null } } = await sut
        .get(`/v1/rmas?limit=2${cursor ? `&cursor=${cursor}` : ''}`)
        .expect(200);
      paged.push(...page.body.items.map((rma) => rma.rmaNumber));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(paged).toEqual(all);
    expect(all[0]).toBe('RMA-2026-0010');
    const forged = Buffer.from(JSON.stringify(['yesterday', 'x'])).toString('base64url');
    expect((await sut.get(`/v1/rmas?cursor=${forged}`).expect(400)).body.code).toBe('INVALID_CURSOR');
  });
});
