import { FindingOpened, RunVerdictRecorded, Topics } from '@rackeval/contracts';
import { ocptvRun, produceRaw, readTopic, waitFor } from '@rackeval/testing';
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { BOM, onlyFinding, PSU_ON_SHELF_2, ResultsHarness } from './support/results.harness';

const MAX_BYTES = 64 * 1024;
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);

const binary = (res: request.Response, done: (error: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

/** Findings and their evidence through HTTP and the broker: opened by failed runs, triaged on a BOM line, grouped; attachments stored and streamed. */
describe('findings and attachments', () => {
  let sut: ResultsHarness;
  let folder: string;

  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'rackeval-findings-'));
    sut = await ResultsHarness.start({ ATTACHMENTS_DIR: folder, ATTACHMENTS_MAX_BYTES: String(MAX_BYTES) });
    await sut.publishCriteria('G7');
    await sut.publishPlan('G7');
  });
  afterAll(async () => {
    await sut?.dispose();
    if (folder) await rm(folder, { recursive: true, force: true });
  });

  const received = (rackSerial: string, generation: string, lot: string, bom?: typeof BOM) =>
    sut.receiveRack(rackSerial, generation, lot, bom);

  const findingRows = async () => (await sut.sql<{ n: number }>(`SELECT count(*)::int AS n FROM finding`))[0].n;
  const attachmentRows = async () => (await sut.sql<{ n: number }>(`SELECT count(*)::int AS n FROM attachment`))[0].n;
  const storedFiles = async (): Promise<string[]> => {
    const walk = async (dir: string): Promise<string[]> =>
      (await readdir(dir, { withFileTypes: true }).catch(() => []))
        .flatMap((e) => (e.isDirectory() ? [] : [join(dir, e.name)]))
        .concat(
          ...(await Promise.all(
            (await readdir(dir, { withFileTypes: true }).catch(() => []))
              .filter((e) => e.isDirectory())
              .map((e) => walk(join(dir, e.name))),
          )),
        );
    return walk(folder);
  };

  /** A rack of G7 in LOT-B whose failed burn-in opened its rack.power finding. */
  const powerFindingOn = async (rackSerial: string): Promise<{ id: string; runId: string }> => {
    await received(rackSerial, 'G7', 'LOT-B', BOM);
    const run = await sut.failBurnIn(sut.fact(rackSerial, 'G7', 'burn-in', 1));
    const [finding] = await sut.findingsOpenedBy(run.runId);
    return finding;
  };
  const triage = async (findingId: string, partNumber = 'PSU-3KW-A') =>
    (await sut.as('tess')).post(`/v1/findings/${findingId}/triage`).send({ failureClass: 'POWER', component: { partNumber } }).expect(200);

  it("opens one finding per failed criterion when a run fails, with the rack's lot, once whatever is redelivered", async () => {
    await received('RK-F-1', 'G7', 'LOT-B', BOM);
    const failedRun = await sut.failBurnIn(sut.fact('RK-F-1', 'G7', 'burn-in', 1));

    const finding = onlyFinding(await sut.findingsOpenedBy(failedRun.runId), {
      origin: 'CRITERION',
      rackSerial: 'RK-F-1',
      generation: 'G7',
      lot: 'LOT-B',
      runId: failedRun.runId,
      criterion: 'rack.power',
      state: 'OPEN',
      failureClass: null,
      actions: ['triage', 'wont-fix'],
    });

    // The verdict again with its own id (a redelivery), and as a re-judged copy with a new id: neither opens another finding.
    const verdictEvent = await waitFor('verdict event', async () => {
      const found = (await readTopic(Topics.resultsEvaluations)).find(
        (m) => m.headers.ce_type === RunVerdictRecorded.type && JSON.parse(m.value!).runId === failedRun.runId,
      );
      return found;
    });
    const verdict = JSON.parse(verdictEvent.value!);
    await produceRaw(Topics.resultsEvaluations, [{ key: verdictEvent.key!, value: verdictEvent.value!, headers: verdictEvent.headers }]);
    await sut.emitFrom('rackeval/results', Topics.resultsEvaluations, RunVerdictRecorded, { ...verdict, revision: 2 });
    // A later failed run of the same rack: its verdict is keyed to the same partition, so once its finding is there the copies were handled.
    const later = await sut.failBurnIn(sut.fact('RK-F-1', 'G7', 'burn-in', 2));
    await sut.findingsOpenedBy(later.runId);

    expect(await sut.findingsOfRun(failedRun.runId)).toHaveLength(1);
    const opened = (await sut.eventsOfType(FindingOpened.type)).filter((e) => e.data.runId === failedRun.runId);
    expect(opened).toEqual([
      {
        key: 'RK-F-1',
        data: expect.objectContaining({ findingId: finding.id, criterion: 'rack.power', lot: 'LOT-B', origin: 'CRITERION' }),
      },
    ]);
  });

  it('triages a finding as a failure class on a BOM line of the rack, with owner and history', async () => {
    const powerFinding = await powerFindingOn('RK-F-TRIAGE');
    const tess = await sut.as('tess');
    const answer = await tess
      .post(`/v1/findings/${powerFinding.id}/triage`)
      .send({
        failureClass: 'POWER',
        component: { partNumber: 'psu-3kw-a', location: 'PSU shelf 2' },
        owner: 'tess',
        note: 'shelf 2 trips at 97 kW',
      })
      .expect(200);

    expect(answer.body).toMatchObject({
      state: 'TRIAGED',
      failureClass: 'POWER',
      owner: 'tess',
      component: PSU_ON_SHELF_2,
      groupKey: 'criterion:rack.power|PSU-3KW-A|POWER',
      actions: ['triage', 'report', 'wont-fix'],
    });
    expect(
      answer.body.history.map((step: { action: string; toState: string; actor: string }) => [step.action, step.toState, step.actor]),
    ).toEqual([
      ['open', 'OPEN', 'rule:run-verdict'],
      ['triage', 'TRIAGED', 'tess'],
    ]);
    const triaged = await waitFor('finding.triaged event', async () =>
      (await sut.eventsOfType('rackeval.results.finding.triaged.v1')).find((e) => e.data.findingId === powerFinding.id),
    );
    expect(triaged.data).toMatchObject({
      from: 'OPEN',
      to: 'TRIAGED',
      failureClass: 'POWER',
      component: { supplier: 'Delta Electronics' },
    });
  });

  it("refuses a part not on the rack's BOM, a class outside the taxonomy, and a viewer, writing nothing", async () => {
    const powerFinding = await powerFindingOn('RK-F-REFUSE');
    const tess = await sut.as('tess');
    const before = await sut.sql(`SELECT count(*)::int AS n FROM finding_history`);

    const part = await tess
      .post(`/v1/findings/${powerFinding.id}/triage`)
      .send({ failureClass: 'POWER', component: { partNumber: 'NOPE-1' } })
      .expect(422);
    expect(part.body).toMatchObject({ code: 'UNKNOWN_BOM_LINE', details: [{ field: 'component.partNumber' }] });
    expect(part.body.message).toContain('PSU-3KW-A, CDU-LC-2');

    const klass = await tess.post(`/v1/findings/${powerFinding.id}/triage`).send({ failureClass: 'GREMLINS' }).expect(400);
    expect(klass.body).toMatchObject({ code: 'UNKNOWN_FAILURE_CLASS', details: [{ field: 'failureClass' }] });

    await (await sut.as('vic')).post(`/v1/findings/${powerFinding.id}/triage`).send({ failureClass: 'POWER' }).expect(403);
    expect(await sut.sql(`SELECT count(*)::int AS n FROM finding_history`)).toEqual(before);
  });

  it('refuses an illegal transition with 409 naming the state, and leaves the finding as it was', async () => {
    const powerFinding = await powerFindingOn('RK-F-ILLEGAL');
    await triage(powerFinding.id);
    const tess = await sut.as('tess');
    const answer = await tess.post(`/v1/findings/${powerFinding.id}/verify`).send({ note: 'looks fine' }).expect(409);

    expect(answer.body).toMatchObject({ code: 'ILLEGAL_TRANSITION' });
    expect(answer.body.message).toContain('is TRIAGED; "verify" applies only to a finding that is FIX_PROPOSED');
    const after = (await tess.get(`/v1/findings/${powerFinding.id}`).expect(200)).body;
    expect(after).toMatchObject({ state: 'TRIAGED', version: 2 });
    expect(after.history).toHaveLength(2);

    const stale = await tess.post(`/v1/findings/${powerFinding.id}/report`).send({ expectedVersion: 1 }).expect(409);
    expect(stale.body).toMatchObject({ code: 'CONCURRENT_UPDATE', details: [{ field: 'expectedVersion' }] });
  });

  it('opens a finding by hand for a known run, and refuses one for an unknown run naming it, writing nothing', async () => {
    await received('RK-F-MANUAL', 'G7', 'LOT-B', BOM);
    const tess = await sut.as('tess');
    const before = await findingRows();
    const unknown = '0b7f8a7e-5f0e-4d7e-9c56-3a4b5c6d7e8f';

    const refused = await tess.post('/v1/findings').send({ runId: unknown, title: 'smell of burnt insulation' }).expect(404);
    expect(refused.body).toMatchObject({ code: 'UNKNOWN_RUN', details: [{ field: 'runId', message: `no run ${unknown}` }] });
    const missing = await tess
      .post('/v1/findings')
      .send({ runId: unknown.slice(0, 8) })
      .expect(400);
    expect(missing.body.details.map((d: { field: string }) => d.field)).toEqual(expect.arrayContaining(['runId', 'title']));
    await (await sut.as('vic')).post('/v1/findings').send({ rackSerial: 'RK-F-MANUAL', title: 'x' }).expect(403);
    expect(await findingRows()).toBe(before);

    const answer = await tess
      .post('/v1/findings')
      .send({
        rackSerial: 'RK-F-MANUAL',
        criterion: 'rack.power',
        title: 'PSU shelf 2 smells hot',
        component: { partNumber: 'PSU-3KW-A' },
      })
      .expect(201);
    expect(answer.body).toMatchObject({
      origin: 'MANUAL',
      rackSerial: 'RK-F-MANUAL',
      generation: 'G7',
      lot: 'LOT-B',
      openedBy: 'tess',
      state: 'OPEN',
      component: { supplier: 'Delta Electronics' },
    });
  });

  it('stores an attachment on a finding and streams it back with its hash; a viewer may read but not attach', async () => {
    const powerFinding = await powerFindingOn('RK-F-ATTACH');
    const tess = await sut.as('tess');
    const log = Buffer.from('2026-11-29T10:00:00Z psu shelf 2 tripped at 97.2 kW\n'.repeat(200));
    const sha256 = createHash('sha256').update(log).digest('hex');

    const answer = await tess
      .post(`/v1/findings/${powerFinding.id}/attachments?filename=burn-in%20harness.log`)
      .set('content-type', 'text/plain; charset=utf-8')
      .send(log)
      .expect(201);

    expect(answer.body).toMatchObject({
      subject: 'FINDING',
      subjectId: powerFinding.id,
      filename: 'burn-in harness.log',
      mediaType: 'text/plain',
      size: log.length,
      sha256,
      uploadedBy: 'tess',
    });
    const viewer = await sut.as('vic');
    const download = await viewer
      .get(`/v1/findings/${powerFinding.id}/attachments/${answer.body.id}`)
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(download.headers).toMatchObject({
      'content-type': 'text/plain',
      'content-length': String(log.length),
      etag: `"${sha256}"`,
      'content-disposition': `attachment; filename="burn-in harness.log"; filename*=UTF-8''burn-in%20harness.log`,
    });
    expect(createHash('sha256').update(download.body).digest('hex')).toBe(sha256);
    const finding = (await viewer.get(`/v1/findings/${powerFinding.id}`).expect(200)).body;
    expect(finding.attachments).toEqual([expect.objectContaining({ id: answer.body.id, sha256 })]);
    expect(finding.history.at(-1)).toMatchObject({ action: 'attach', actor: 'tess', note: 'burn-in harness.log' });

    await viewer.post(`/v1/findings/${powerFinding.id}/attachments?filename=x.log`).set('content-type', 'text/plain').send(log).expect(403);
    await viewer.get(`/v1/findings/${powerFinding.id}/attachments/0b7f8a7e-5f0e-4d7e-9c56-3a4b5c6d7e8f`).expect(404);
  });

  it('attaches evidence to a run as well', async () => {
    const finding = await powerFindingOn('RK-F-RUN');
    const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(2000, 0x20), Buffer.from('%%EOF\n')]);
    const admin = await sut.as('ada');

    const answer = await admin
      .post(`/v1/runs/${finding.runId}/attachments?filename=thermal.pdf`)
      .set('content-type', 'application/pdf')
      .send(pdf)
      .expect(201);

    const listed = (await (await sut.as('vic')).get(`/v1/runs/${finding.runId}/attachments`).expect(200)).body;
    expect(listed).toEqual([
      expect.objectContaining({ id: answer.body.id, subject: 'RUN', mediaType: 'application/pdf', size: pdf.length }),
    ]);
  });

  it('refuses an oversized file (413 naming the limit) and a mislabelled one (415 naming the types), storing nothing', async () => {
    const powerFinding = await powerFindingOn('RK-F-LIMITS');
    const tess = await sut.as('tess');
    const [rows, files] = [await attachmentRows(), await storedFiles()];

    const large = await tess
      .post(`/v1/findings/${powerFinding.id}/attachments?filename=big.log`)
      .set('content-type', 'text/plain')
      .send(Buffer.alloc(MAX_BYTES + 1, 0x61))
      .expect(413);
    expect(large.body.message).toBe('the file is larger than the limit of 64 KiB (ATTACHMENTS_MAX_BYTES); nothing was stored');

    const mislabelled = await tess
      .post(`/v1/findings/${powerFinding.id}/attachments?filename=scan.pdf`)
      .set('content-type', 'application/pdf')
      .send(PNG)
      .expect(415);
    expect(mislabelled.body.message).toBe('the file is declared application/pdf but its content is image/png; nothing was stored');

    const exe = await tess
      .post(`/v1/findings/${powerFinding.id}/attachments?filename=tool.exe`)
      .set('content-type', 'application/x-msdownload')
      .send(Buffer.from('MZ'))
      .expect(415);
    expect(exe.body.message).toContain('application/x-msdownload');

    const unnamed = await tess
      .post(`/v1/findings/${powerFinding.id}/attachments?filename=../etc/passwd`)
      .set('content-type', 'text/plain')
      .send(Buffer.from('x'))
      .expect(400);
    expect(unnamed.body.details.map((d: { field: string }) => d.field)).toContain('filename');

    expect(await attachmentRows()).toBe(rows);
    expect(await storedFiles()).toEqual(files);
  });

  it('groups similar findings across racks and generations with counts', async () => {
    // A part of their own, so that no other test's finding falls into the group.
    const bom = [{ ...BOM[0], partNumber: 'PSU-3KW-G' }, BOM[1]];
    await received('RK-F-G7', 'G7', 'LOT-B', bom);
    await received('RK-F-2', 'G8', 'LOT-A', bom);
    const failedRun = await sut.failBurnIn(sut.fact('RK-F-G7', 'G7', 'burn-in', 1));
    const [opened] = await sut.findingsOpenedBy(failedRun.runId);
    await triage(opened.id, 'PSU-3KW-G');
    const tess = await sut.as('tess');
    const other = (
      await tess.post('/v1/findings').send({ rackSerial: 'RK-F-2', criterion: 'rack.power', title: 'PSU shelf trips' }).expect(201)
    ).body;
    await triage(other.id, 'PSU-3KW-G');

    const powerGroups = (
      await (await sut.as('vic')).get('/v1/findings/groups?criterion=rack.power&class=POWER&component=PSU-3KW-G').expect(200)
    ).body.items;

    expect(powerGroups).toEqual([
      expect.objectContaining({
        groupKey: 'criterion:rack.power|PSU-3KW-G|POWER',
        criterion: 'rack.power',
        partNumber: 'PSU-3KW-G',
        failureClass: 'POWER',
        count: 2,
        racks: 2,
        unresolved: 2,
        generations: [
          { generation: 'G7', lot: 'LOT-B', count: 1 },
          { generation: 'G8', lot: 'LOT-A', count: 1 },
        ],
      }),
    ]);
    const members = (await (await sut.as('vic')).get(`/v1/findings?group=${encodeURIComponent(powerGroups[0].groupKey)}`).expect(200)).body
      .items;
    expect(members.map((f: { rackSerial: string }) => f.rackSerial).sort()).toEqual(['RK-F-2', 'RK-F-G7']);
    const g8 = (await (await sut.as('vic')).get('/v1/findings/groups?generation=G8').expect(200)).body.items;
    expect(g8).toEqual([expect.objectContaining({ count: 1, generations: [{ generation: 'G8', lot: 'LOT-A', count: 1 }] })]);
  });

  it('lists findings newest first with filters and keyset pages', async () => {
    // A lot of its own: four findings, two of them triaged on the PSU.
    await received('RK-F-LIST', 'G7', 'LOT-LIST', BOM);
    const tess = await sut.as('tess');
    const opened: string[] = [];
    for (const title of ['trips', 'trips again', 'smells hot', 'fan noise']) {
      opened.push((await tess.post('/v1/findings').send({ rackSerial: 'RK-F-LIST', criterion: 'rack.power', title }).expect(201)).body.id);
    }
    await triage(opened[0]);
    await triage(opened[1]);
    const viewer = await sut.as('vic');
    const all = (await viewer.get('/v1/findings?generation=G7&lot=LOT-LIST&limit=500').expect(200)).body.items;
    const first = (await viewer.get('/v1/findings?generation=G7&lot=LOT-LIST&limit=2').expect(200)).body;
    const second = (await viewer.get(`/v1/findings?generation=G7&lot=LOT-LIST&limit=2&cursor=${first.nextCursor}`).expect(200)).body;

    expect(all.map((f: { id: string }) => f.id).sort()).toEqual([...opened].sort());
    expect([...first.items, ...second.items].map((f: { id: string }) => f.id)).toEqual(all.slice(0, 4).map((f: { id: string }) => f.id));
    expect((await viewer.get('/v1/findings?component=psu%203kw-a&state=TRIAGED&lot=LOT-LIST').expect(200)).body.items.length).toBe(2);
    const crafted = Buffer.from(JSON.stringify(['2026-11-29T10:00:00.000Z', 'not-an-id'])).toString('base64url');
    expect((await viewer.get(`/v1/findings?cursor=${crafted}`).expect(400)).body).toMatchObject({
      code: 'INVALID_CURSOR',
      details: [{ field: 'cursor' }],
    });
    const bad = await viewer.get('/v1/findings?state=CLOSED&class=power').expect(400);
    expect(bad.body.details.map((d: { field: string }) => d.field)).toEqual(expect.arrayContaining(['state', 'class']));
  });

  it("opens a finding for a FAIL diagnosis in a run's OCPTV stream, even when the run passes its criteria, suspecting the BOM line of the hardware it names", async () => {
    await received('RK-F-3', 'G7', 'LOT-C', BOM);
    const fact = await sut.startRun(sut.fact('RK-F-3', 'G7', 'burn-in', 1));
    const ocptv = ocptvRun({
      serial: 'RK-F-3',
      hardware: [{ hardwareInfoId: 'psu2', name: 'PSU shelf 2', partNumber: 'psu-3kw-a' }],
      artifacts: [
        { measurement: { name: 'rack.power', unit: 'kW', value: 110 } },
        { measurement: { name: 'training.tokens_per_s', unit: 'tokens/s', value: 1200 } },
        { diagnosis: { verdict: 'psu-shelf-fault', type: 'FAIL', message: 'shelf 2 output droops under load', hardwareInfoId: 'psu2' } },
      ],
      result: 'FAIL',
    });
    await request(sut.url)
      .post(`/v1/runs/${fact.runId}/ocptv`)
      .set('authorization', `Bearer ${await sut.tokens.token('tess')}`)
      .set('content-type', 'application/x-ndjson')
      .send(ocptv)
      .expect(201);
    await sut.completeRun(fact);

    const finding = onlyFinding(await sut.findingsOpenedBy(fact.runId), {
      origin: 'DIAGNOSIS',
      diagnosis: 'psu-shelf-fault',
      criterion: null,
      rackSerial: 'RK-F-3',
      lot: 'LOT-C',
      state: 'OPEN',
      // The hardware the diagnosis names, from the run's DUT inventory, linked to the rack's BOM line.
      component: { partNumber: 'PSU-3KW-A', supplier: 'Delta Electronics', countryOfOrigin: 'TW', location: 'PSU shelf 2' },
    });
    expect(finding.title).toBe('diagnosis psu-shelf-fault in burn-in (attempt 1): shelf 2 output droops under load');
  });
});
