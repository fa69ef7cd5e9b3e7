import { RmaShipped, WEBHOOK_HEADERS } from '@rackeval/contracts';
import { verifyWebhookSignature } from '@rackeval/platform';
import { freePort, produceEvents, produceRmaReturn, waitFor } from '@rackeval/testing';
import { createHash, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, IncomingHttpHeaders, Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BOM, PSU_ON_SHELF_2, ResultsHarness } from './support/results.harness';

const SECRET = 'manufacturer-feed-secret-0123456789';
const MAX_ATTEMPTS = 3;

interface Hit {
  headers: IncomingHttpHeaders;
  raw: string;
  body: { eventId: string; type: string; finding: { id: string; state: string; version: number }; [key: string]: unknown };
  answered: number;
}

/**
 * The manufacturer's receiver on a free loopback port. It answers each POST with the next status
 * scripted for the body's finding (then `otherwise`), and keeps every hit.
 */
async function manufacturerReceiver() {
  const hits: Hit[] = [];
  const scripts = new Map<string, { statuses: number[]; otherwise: number }>();
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const body = JSON.parse(raw) as Hit['body'];
      const script = scripts.get(body.finding.id);
      const answered = script ? (script.statuses.shift() ?? script.otherwise) : 200;
      hits.push({ headers: req.headers, raw, body, answered });
      res.statusCode = answered;
      res.end(answered < 300 ? 'ok' : 'try later');
    });
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${port}/rackeval/findings`,
    hits,
    /** Answers the finding's POSTs with these statuses in turn, then `otherwise`. */
    script: (findingId: string, statuses: number[], otherwise = 200) => scripts.set(findingId, { statuses: [...statuses], otherwise }),
    hitsFor: (findingId: string) => hits.filter((hit) => hit.body.finding.id === findingId),
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

interface Delivery {
  id: string;
  eventId: string;
  findingId: string;
  type: string;
  state: string;
  attempts: number;
  nextAttemptAt: string | null;
  attemptLog: Array<{ attempt: number; statusCode: number | null; error: string | null; outcome: string }>;
}

const signedCorrectly = (hit: Hit) =>
  verifyWebhookSignature(SECRET, String(hit.headers[WEBHOOK_HEADERS.timestamp]), hit.raw, String(hit.headers[WEBHOOK_HEADERS.signature]));

describe('manufacturer feed: findings reported to the manufacturer, POSTed signed and in order', () => {
  let sut: ResultsHarness;
  let receiver: Awaited<ReturnType<typeof manufacturerReceiver>>;
  let folder: string;

  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'rackeval-feed-'));
    receiver = await manufacturerReceiver();
    sut = await ResultsHarness.start({
      ATTACHMENTS_DIR: folder,
      MANUFACTURER_WEBHOOK_URL: receiver.url,
      MANUFACTURER_WEBHOOK_SECRET: SECRET,
      MANUFACTURER_WEBHOOK_INTERVAL_MS: '200',
      MANUFACTURER_WEBHOOK_RETRY_BASE_MS: '200',
      MANUFACTURER_WEBHOOK_MAX_ATTEMPTS: String(MAX_ATTEMPTS),
      MANUFACTURER_WEBHOOK_TIMEOUT_MS: '5000',
    });
    await sut.publishCriteria('G7');
    await sut.publishPlan('G7');
  });
  afterAll(async () => {
    await sut?.dispose();
    await receiver?.close();
    if (folder) await rm(folder, { recursive: true, force: true });
  });

  /** A triaged finding opened by hand on a G7 rack of LOT-B whose BOM results knows. */
  const triagedFinding = async (rackSerial: string): Promise<string> => {
    await sut.receiveRack(rackSerial, 'G7', 'LOT-B', BOM);
    const tess = await sut.as('tess');
    const opened = await tess
      .post('/v1/findings')
      .send({ rackSerial, criterion: 'rack.power', title: 'PSU shelf 2 trips under load' })
      .expect(201);
    await tess
      .post(`/v1/findings/${opened.body.id}/triage`)
      .send({ failureClass: 'POWER', component: { partNumber: 'PSU-3KW-A', location: 'PSU shelf 2' } })
      .expect(200);
    return opened.body.id as string;
  };
  const step = async (findingId: string, action: string, body: object = {}) =>
    (await sut.as('tess')).post(`/v1/findings/${findingId}/${action}`).send(body).expect(200);
  const log = async (query = '') => (await (await sut.as('ada')).get(`/v1/manufacturer-feed/deliveries${query}`).expect(200)).body;
  const deliveriesOf = async (findingId: string) =>
    ((await log('?limit=500')).items as Delivery[]).filter((d) => d.findingId === findingId).reverse();
  const settled = (findingId: string, count: number) =>
    waitFor(`${count} settled deliveries of ${findingId}`, async () => {
      const deliveries = await deliveriesOf(findingId);
      return deliveries.length === count && deliveries.every((d) => d.state !== 'PENDING') ? deliveries : undefined;
    });

  it('POSTs a reported finding signed, with the failed run, the suspected BOM line and its evidence downloadable through the gateway', async () => {
    await sut.receiveRack('RK-FEED-1', 'G7', 'LOT-B', BOM);
    const run = await sut.failBurnIn(sut.fact('RK-FEED-1', 'G7', 'burn-in', 1));
    const tess = await sut.as('tess');
    const [finding] = await sut.findingsOpenedBy(run.runId);
    const harnessLog = Buffer.from('2026-11-30T09:00:00Z psu shelf 2 tripped at 97.2 kW\n'.repeat(50));
    const attached = await tess
      .post(`/v1/findings/${finding.id}/attachments?filename=burn-in%20harness.log`)
      .set('content-type', 'text/plain')
      .send(harnessLog)
      .expect(201);
    await step(finding.id, 'triage', { failureClass: 'POWER', component: { partNumber: 'PSU-3KW-A', location: 'PSU shelf 2' } });
    expect(receiver.hitsFor(finding.id)).toEqual([]);

    await step(finding.id, 'report', { note: 'sent with the harness log' });

    const [hit] = await waitFor('the report reached the manufacturer', async () => {
      const hits = receiver.hitsFor(finding.id);
      return hits.length ? hits : undefined;
    });
    expect(signedCorrectly(hit)).toBe(true);
    expect(hit.headers).toMatchObject({
      'content-type': 'application/json',
      'user-agent': 'rackeval-results',
      [WEBHOOK_HEADERS.event]: 'finding.reported',
      [WEBHOOK_HEADERS.delivery]: hit.body.eventId,
    });
    expect(hit.body).toEqual({
      schema: 'rackeval.manufacturer.finding.v1',
      eventId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      type: 'finding.reported',
      occurredAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      note: 'sent with the harness log',
      finding: {
        id: finding.id,
        rackSerial: 'RK-FEED-1',
        generation: 'G7',
        lot: 'LOT-B',
        runId: run.runId,
        criterion: 'rack.power',
        title: finding.title,
        failureClass: 'POWER',
        component: PSU_ON_SHELF_2,
        state: 'REPORTED_TO_MANUFACTURER',
        version: 3,
      },
      evidence: [
        {
          attachmentId: attached.body.id,
          attachedTo: 'FINDING',
          filename: 'burn-in harness.log',
          mediaType: 'text/plain',
          size: harnessLog.length,
          sha256: createHash('sha256').update(harnessLog).digest('hex'),
          downloadPath: `/api/results/v1/findings/${finding.id}/attachments/${attached.body.id}`,
        },
      ],
    });
    // The path is the gateway's /api/results prefix in front of results' own route.
    const evidence = (hit.body.evidence as Array<{ downloadPath: string; sha256: string }>)[0];
    const downloaded = await (
      await sut.as('vic')
    )
      .get(evidence.downloadPath.replace(/^\/api\/results/, ''))
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(
      createHash('sha256')
        .update(downloaded.body as Buffer)
        .digest('hex'),
    ).toBe(evidence.sha256);

    const [delivery] = await settled(finding.id, 1);
    expect(delivery).toMatchObject({
      eventId: hit.body.eventId,
      type: 'finding.reported',
      rackSerial: 'RK-FEED-1',
      state: 'DELIVERED',
      attempts: 1,
      attemptLog: [{ attempt: 1, statusCode: 200, error: null, outcome: 'DELIVERED', url: receiver.url }],
    });
  });

  it('retries a report the receiver refuses twice with backoff, and sends the later fix-proposed only after it went through', async () => {
    const findingId = await triagedFinding('RK-FEED-2');
    receiver.script(findingId, [500, 503]);

    await step(findingId, 'report');
    await step(findingId, 'propose-fix', { note: 'replace PSU shelf 2 backplane' });

    const [reported, fixProposed] = await settled(findingId, 2);
    const hits = receiver.hitsFor(findingId);
    expect(hits.map((hit) => [hit.body.type, hit.answered])).toEqual([
      ['finding.reported', 500],
      ['finding.reported', 503],
      ['finding.reported', 200],
      ['finding.fix-proposed', 200],
    ]);
    expect(hits.every(signedCorrectly)).toBe(true);
    // Every retry carries the same event id: the receiver accepted each event once.
    expect(new Set(hits.slice(0, 3).map((hit) => hit.body.eventId))).toEqual(new Set([reported.eventId]));
    expect(hits.filter((hit) => hit.answered === 200).map((hit) => hit.body.eventId)).toEqual([reported.eventId, fixProposed.eventId]);
    expect(hits[3].body).toMatchObject({ note: 'replace PSU shelf 2 backplane', finding: { state: 'FIX_PROPOSED', version: 4 } });
    expect(reported).toMatchObject({
      type: 'finding.reported',
      state: 'DELIVERED',
      attempts: 3,
      attemptLog: [
        { attempt: 1, statusCode: 500, error: 'receiver answered 500', outcome: 'RETRY' },
        { attempt: 2, statusCode: 503, error: 'receiver answered 503', outcome: 'RETRY' },
        { attempt: 3, statusCode: 200, error: null, outcome: 'DELIVERED' },
      ],
    });
    expect(fixProposed).toMatchObject({ type: 'finding.fix-proposed', state: 'DELIVERED', attempts: 1 });
  });

  it('gives up on a receiver that keeps failing, shows it in the log for admins only, and sends it again on an admin’s retry', async () => {
    const findingId = await triagedFinding('RK-FEED-3');
    receiver.script(findingId, [], 500);

    await step(findingId, 'report');

    const [given] = await settled(findingId, 1);
    expect(given).toMatchObject({ state: 'GAVE_UP', attempts: MAX_ATTEMPTS, nextAttemptAt: null });
    expect(given.attemptLog.map((a) => a.outcome)).toEqual(['RETRY', 'RETRY', 'GAVE_UP']);
    const gaveUp = await log('?state=GAVE_UP');
    expect(gaveUp.items.map((d: { id: string }) => d.id)).toContain(given.id);
    expect(gaveUp.items.every((d: { state: string }) => d.state === 'GAVE_UP')).toBe(true);
    const tess = await sut.as('tess');
    await tess.get('/v1/manufacturer-feed/deliveries').expect(403);
    await tess.post(`/v1/manufacturer-feed/deliveries/${given.id}/retry`).expect(403);
    const ada = await sut.as('ada');
    expect((await ada.get('/v1/manufacturer-feed/deliveries?state=LOST').expect(400)).body.details[0].field).toBe('state');
    expect((await ada.post('/v1/manufacturer-feed/deliveries/abc/retry').expect(400)).body.details[0].field).toBe('id');
    const missing = await ada.post('/v1/manufacturer-feed/deliveries/999999999/retry').expect(404);
    expect(missing.body.message).toContain('999999999');
    expect(missing.body).toMatchObject({ code: 'UNKNOWN_DELIVERY', details: [{ field: 'id' }] });

    receiver.script(findingId, [], 200);
    const resent = await ada.post(`/v1/manufacturer-feed/deliveries/${given.id}/retry`).expect(200);
    expect(resent.body).toMatchObject({ id: given.id, state: 'PENDING' });

    const [delivered] = await settled(findingId, 1);
    expect(delivered).toMatchObject({ id: given.id, state: 'DELIVERED', attempts: MAX_ATTEMPTS + 1 });
    const hits = receiver.hitsFor(findingId);
    expect(hits.map((hit) => hit.answered)).toEqual([500, 500, 500, 200]);
    expect(new Set(hits.map((hit) => hit.body.eventId))).toEqual(new Set([given.eventId]));
    const refused = await ada.post(`/v1/manufacturer-feed/deliveries/${given.id}/retry`).expect(409);
    expect(refused.body).toMatchObject({ code: 'ILLEGAL_TRANSITION', details: [{ field: 'state', message: 'is DELIVERED' }] });
  });

  it('sends the won’t-fix of a reported finding, and nothing for a finding closed before it was reported', async () => {
    const reported = await triagedFinding('RK-FEED-4');
    await step(reported, 'report');
    await step(reported, 'wont-fix', { note: 'the rack is scrapped' });
    const closedEarly = await triagedFinding('RK-FEED-5');
    await step(closedEarly, 'wont-fix', { note: 'harness fault, not the rack' });

    const deliveries = await settled(reported, 2);
    expect(deliveries.map((d) => [d.type, d.state])).toEqual([
      ['finding.reported', 'DELIVERED'],
      ['finding.wont-fix', 'DELIVERED'],
    ]);
    expect(receiver.hitsFor(reported).map((hit) => hit.body.finding.state)).toEqual(['REPORTED_TO_MANUFACTURER', 'WONT_FIX']);
    // Queued in the same transaction as the change: once wont-fix has answered, nothing can come for closedEarly.
    expect(await deliveriesOf(closedEarly)).toEqual([]);
    expect(receiver.hitsFor(closedEarly)).toEqual([]);
  });

  it('sends a finding reported by its RMA’s shipment with the RMA number, and its fix proposed when the unit comes back', async () => {
    const findingId = await triagedFinding('RK-FEED-7');
    const at = new Date().toISOString();
    const rma = { rmaId: randomUUID(), rmaNumber: 'RMA-2026-7301', serials: ['RK-FEED-7'], findingIds: [findingId] };
    await produceEvents(RmaShipped, [{ ...rma, occurredAt: at, shippedAt: at, actor: 'ines' }]);
    await waitFor('the report reached the manufacturer', async () => (await deliveriesOf(findingId)).length === 1);

    await produceRmaReturn('RK-FEED-7', rma, { generation: 'G7', incarnation: 2 });

    const deliveries = await settled(findingId, 2);
    expect(deliveries.map((d) => [d.type, d.state])).toEqual([
      ['finding.reported', 'DELIVERED'],
      ['finding.fix-proposed', 'DELIVERED'],
    ]);
    expect(receiver.hitsFor(findingId).map((hit) => hit.body)).toEqual([
      expect.objectContaining({
        type: 'finding.reported',
        note: 'reported to the manufacturer on RMA RMA-2026-7301',
        finding: expect.objectContaining({ state: 'REPORTED_TO_MANUFACTURER', rmaNumber: 'RMA-2026-7301' }),
      }),
      expect.objectContaining({
        type: 'finding.fix-proposed',
        note: 'unit returned repaired under RMA RMA-2026-7301 (incarnation 2)',
        finding: expect.objectContaining({ state: 'FIX_PROPOSED', rmaNumber: 'RMA-2026-7301' }),
      }),
    ]);
  });

  it('pages the log newest first', async () => {
    const findingId = await triagedFinding('RK-FEED-6');
    await step(findingId, 'report');
    await step(findingId, 'propose-fix', { note: 'new PSU firmware' });
    await settled(findingId, 2);

    const first = await log('?limit=1');
    expect(first.items).toHaveLength(1);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = await log(`?limit=1&cursor=${first.nextCursor}`);
    expect(Number(second.items[0].id)).toBeLessThan(Number(first.items[0].id));
    expect((await (await sut.as('ada')).get('/v1/manufacturer-feed/deliveries?cursor=nope').expect(400)).body.code).toBe('INVALID_CURSOR');
  });
});
