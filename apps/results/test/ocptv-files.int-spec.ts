import { AttachmentAdded } from '@rackeval/contracts';
import { ocptvRun, waitFor } from '@rackeval/testing';
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { ResultsHarness } from './support/results.harness';

const MAX_BYTES = 64 * 1024;
const GENERATION = 'G9';
const BOM = [{ partNumber: 'PSU-3KW-A', category: 'power', quantity: 6, supplier: 'Delta Electronics', countryOfOrigin: 'TW' }];
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);

const binary = (res: request.Response, done: (error: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};
const sha256Of = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** A burn-in whose PSU shelf fails its diagnosis, with the harness log and an NVLink dump as `file` artifacts. */
const failingBurnIn = (serial: string) =>
  ocptvRun({
    serial,
    hardware: [{ hardwareInfoId: 'psu2', name: 'PSU shelf 2', partNumber: 'psu-3kw-a' }],
    artifacts: [
      { measurement: { name: 'rack.power', unit: 'kW', value: 110 } },
      { measurement: { name: 'training.tokens_per_s', unit: 'tokens/s', value: 1200 } },
      { diagnosis: { verdict: 'psu-shelf-fault', type: 'FAIL', message: 'shelf 2 output droops under load', hardwareInfoId: 'psu2' } },
      { file: { displayName: 'Harness log', uri: 'file:///var/log/burnin/harness.log', isSnapshot: false, contentType: 'text/plain' } },
      { file: { displayName: 'NVLink dump', uri: 'file:///var/log/burnin/nvlink-dump.tar.gz', isSnapshot: true } },
    ],
    result: 'FAIL',
  });

/** OCPTV output with the files its artifacts name, as multipart/form-data. */
describe('OCPTV uploads with their files', () => {
  let sut: ResultsHarness;
  let folder: string;

  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'rackeval-ocptv-files-'));
    sut = await ResultsHarness.start({ ATTACHMENTS_DIR: folder, ATTACHMENTS_MAX_BYTES: String(MAX_BYTES) });
    await sut.publishCriteria(GENERATION);
    await sut.publishPlan(GENERATION);
  });
  afterAll(async () => {
    await sut?.dispose();
    if (folder) await rm(folder, { recursive: true, force: true });
  });

  let token: string;
  beforeAll(async () => {
    token = await sut.tokens.token('tess');
  });
  /** A test engineer's upload to the run (a supertest request is a thenable: returned as is, not awaited). */
  const upload = (runId: string) => request(sut.url).post(`/v1/runs/${runId}/ocptv`).set('authorization', `Bearer ${token}`);
  const stream = (serial: string) => ({
    bytes: Buffer.from(failingBurnIn(serial)),
    options: { filename: 'burn-in.ndjson', contentType: 'application/x-ndjson' },
  });
  const startedRun = async (serial: string) => {
    await sut.receiveRack(serial, GENERATION, 'LOT-F', BOM);
    return sut.startRun(sut.fact(serial, GENERATION, 'burn-in', 1));
  };
  const storedFiles = async (): Promise<string[]> => {
    const entries = await readdir(folder, { recursive: true, withFileTypes: true });
    return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
  };
  /** What a refused upload must have left untouched: the run's measurements and artifacts, every attachment row and every stored file. */
  const written = async (runId: string) => ({
    measurements: await sut.measurementCount(runId),
    artifacts: (await sut.sql<{ n: number }>(`SELECT count(*)::int AS n FROM run_artifact WHERE run_id = $1`, [runId]))[0].n,
    attachments: (await sut.sql<{ n: number }>(`SELECT count(*)::int AS n FROM attachment`))[0].n,
    files: (await storedFiles()).sort(),
  });
  const nothing = { measurements: 0, artifacts: 0 };

  it("makes the harness log an attachment of the run, linked from its file artifact and listed as evidence on the diagnosis' finding", async () => {
    const fact = await startedRun('RK-OF-1');
    const log = Buffer.from('2026-11-29T10:00:03Z psu shelf 2: output 47.1 V under 97 kW load\n'.repeat(300));
    const { bytes, options } = stream('RK-OF-1');

    const answer = await upload(fact.runId)
      .attach('stream', bytes, options)
      .attach('log', log, { filename: 'harness.log', contentType: 'text/plain' })
      .expect(201);
    expect(answer.body).toMatchObject({ measurements: 2, diagnoses: { FAIL: 1 } });

    const viewer = await sut.as('vic');
    const files = (await viewer.get(`/v1/runs/${fact.runId}/artifacts?kind=FILE`).expect(200)).body.items;
    const [harness, dump] = files;
    expect(files).toHaveLength(2);
    expect(harness).toMatchObject({
      name: 'Harness log',
      uri: 'file:///var/log/burnin/harness.log',
      attachment: { filename: 'harness.log', mediaType: 'text/plain', size: log.length, sha256: sha256Of(log) },
    });
    expect(harness.attachment.href).toBe(`/v1/runs/${fact.runId}/attachments/${harness.attachment.id}`);
    // The receipt lists the stored file with what named it, as the artifacts show it.
    expect(answer.body.attachments).toEqual([
      {
        matched: 'file:///var/log/burnin/harness.log',
        id: harness.attachment.id,
        filename: 'harness.log',
        mediaType: 'text/plain',
        size: log.length,
        sha256: sha256Of(log),
        href: harness.attachment.href,
      },
    ]);
    // The dump came without its file: it stays a reference.
    expect(dump).toMatchObject({ name: 'NVLink dump', uri: 'file:///var/log/burnin/nvlink-dump.tar.gz' });
    expect(dump.attachment).toBeUndefined();
    // The same attachment through the run's attachments, announced like any other.
    const listed = (await viewer.get(`/v1/runs/${fact.runId}/attachments`).expect(200)).body;
    expect(listed).toEqual([expect.objectContaining({ id: harness.attachment.id, subject: 'RUN', uploadedBy: 'tess' })]);
    await waitFor('attachment announced', async () =>
      (await sut.eventsOfType(AttachmentAdded.type)).find((e) => e.data.attachmentId === harness.attachment.id),
    );

    const download = await viewer.get(harness.attachment.href).buffer(true).parse(binary).expect(200);
    expect(download.headers.etag).toBe(`"${sha256Of(log)}"`);
    expect(Buffer.compare(download.body, log)).toBe(0);

    await sut.completeRun(fact);
    const finding = await waitFor('the diagnosis finding', async () => {
      const items = (await viewer.get(`/v1/findings?run=${fact.runId}`).expect(200)).body.items;
      return items.find((f: { origin: string }) => f.origin === 'DIAGNOSIS');
    });
    const detail = (await viewer.get(`/v1/findings/${finding.id}`).expect(200)).body;
    expect(detail).toMatchObject({ diagnosis: 'psu-shelf-fault', attachments: [] });
    expect(detail.runAttachments).toEqual([
      expect.objectContaining({ id: harness.attachment.id, filename: 'harness.log', sha256: sha256Of(log), href: harness.attachment.href }),
    ]);
  });

  it('links a part named by the display name, and still takes the plain NDJSON body', async () => {
    const fact = await startedRun('RK-OF-2');
    const dump = Buffer.concat([Buffer.from([0x1f, 0x8b, 0x08, 0]), Buffer.alloc(500, 7)]);
    const { bytes, options } = stream('RK-OF-2');
    const answer = await upload(fact.runId)
      .attach('dump', dump, { filename: 'NVLink dump', contentType: 'application/gzip' })
      .attach('stream', bytes, options)
      .expect(201);
    const files = (await (await sut.as('vic')).get(`/v1/runs/${fact.runId}/artifacts?kind=FILE`).expect(200)).body.items;
    expect(files.map((f: { attachment?: { filename: string } }) => f.attachment?.filename)).toEqual([undefined, 'NVLink dump']);
    expect(answer.body.attachments).toEqual([
      {
        matched: 'NVLink dump',
        id: files[1].attachment.id,
        filename: 'NVLink dump',
        mediaType: 'application/gzip',
        size: dump.length,
        sha256: sha256Of(dump),
        href: `/v1/runs/${fact.runId}/attachments/${files[1].attachment.id}`,
      },
    ]);

    const plain = await startedRun('RK-OF-3');
    const ndjson = await upload(plain.runId).set('content-type', 'application/x-ndjson').send(failingBurnIn('RK-OF-3')).expect(201);
    expect(ndjson.body.attachments).toEqual([]);
    const references = (await (await sut.as('vic')).get(`/v1/runs/${plain.runId}/artifacts?kind=FILE`).expect(200)).body.items;
    expect(references.map((f: { attachment?: unknown }) => f.attachment)).toEqual([undefined, undefined]);
  });

  it('refuses a part no file artifact names with a 400 naming it, and writes nothing', async () => {
    const fact = await startedRun('RK-OF-4');
    const before = await written(fact.runId);
    const { bytes, options } = stream('RK-OF-4');

    const answer = await upload(fact.runId)
      .attach('stream', bytes, options)
      .attach('log', Buffer.from('harness says hello\n'), { filename: 'harness.log', contentType: 'text/plain' })
      .attach('stray', Buffer.from('who am I\n'), { filename: 'stray.log', contentType: 'text/plain' })
      .expect(400);

    expect(answer.body).toMatchObject({ code: 'MALFORMED_OCPTV', details: [{ field: 'parts.stray.log' }] });
    expect(answer.body.message).toContain('"stray.log"');
    expect(await written(fact.runId)).toEqual({ ...before, ...nothing });
    expect(await readdir(join(folder, '.spool'))).toEqual([]);
  });

  it('refuses an oversized part with the attachments 413, and a mislabelled one with their 415; nothing written either time', async () => {
    const fact = await startedRun('RK-OF-5');
    const before = await written(fact.runId);
    const { bytes, options } = stream('RK-OF-5');

    const tooBig = await upload(fact.runId)
      .attach('stream', bytes, options)
      .attach('log', Buffer.alloc(MAX_BYTES + 1, 0x61), { filename: 'harness.log', contentType: 'text/plain' })
      .expect(413);
    expect(tooBig.body.message).toBe('the file is larger than the limit of 64 KiB (ATTACHMENTS_MAX_BYTES); nothing was stored');
    expect(await written(fact.runId)).toEqual({ ...before, ...nothing });

    const mislabelled = await upload(fact.runId)
      .attach('stream', bytes, options)
      .attach('log', PNG, { filename: 'harness.log', contentType: 'text/plain' })
      .expect(415);
    expect(mislabelled.body.message).toContain('declared text/plain but its content is image/png');
    expect(await written(fact.runId)).toEqual({ ...before, ...nothing });
    expect(await readdir(join(folder, '.spool'))).toEqual([]);

    // Sent right, the same upload is taken whole.
    await upload(fact.runId)
      .attach('stream', bytes, options)
      .attach('log', Buffer.from('ok\n'), { filename: 'harness.log', contentType: 'text/plain' })
      .expect(201);
    expect(await sut.measurementCount(fact.runId)).toBe(2);
  });

  it('refuses an upload without its stream part, or with a stream of another type, as malformed OCPTV', async () => {
    const fact = await startedRun('RK-OF-6');
    const missing = await upload(fact.runId)
      .attach('log', Buffer.from('x\n'), { filename: 'harness.log', contentType: 'text/plain' })
      .expect(400);
    expect(missing.body).toMatchObject({ code: 'MALFORMED_OCPTV', details: [{ field: 'stream' }] });
    const wrongType = await upload(fact.runId)
      .attach('stream', Buffer.from(failingBurnIn('RK-OF-6')), { filename: 'burn-in.json', contentType: 'application/json' })
      .expect(400);
    expect(wrongType.body).toMatchObject({ code: 'MALFORMED_OCPTV', details: [{ field: 'stream' }] });
    expect(await written(fact.runId)).toMatchObject(nothing);
  });
});
