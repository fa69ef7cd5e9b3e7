import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type request from 'supertest';
import { IntakeHarness } from './intake.fixture';
import { releasedRacks } from './support/racks';

// s3rver: an S3-compatible server from the npm registry, on loopback with a folder of its own.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const S3rver = require('s3rver');

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(4000, 7)]);
const binary = (res: request.Response, done: (error: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

/** Intake's attachments with ATTACHMENTS_STORE=s3, against an S3-compatible server on loopback. */
describe('intake: attachments in an S3-compatible store', () => {
  let sut: IntakeHarness;
  let folder: string;
  let server: { run(): Promise<{ port: number }>; close(): Promise<void> };
  let s3: S3Client;

  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'rackeval-intake-s3rver-'));
    server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory: folder, configureBuckets: [{ name: 'evidence' }] });
    const { port } = await server.run();
    const endpoint = `http://127.0.0.1:${port}`;
    s3 = new S3Client({
      endpoint,
      region: 'us-east-1',
      forcePathStyle: true,
      credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    });
    sut = await IntakeHarness.start({
      ATTACHMENTS_STORE: 's3',
      ATTACHMENTS_S3_ENDPOINT: endpoint,
      ATTACHMENTS_S3_BUCKET: 'evidence',
      ATTACHMENTS_S3_ACCESS_KEY_ID: 'S3RVER',
      ATTACHMENTS_S3_SECRET_ACCESS_KEY: 'S3RVER',
      ATTACHMENTS_S3_PREFIX: 'intake/',
    });
    await sut.registerGeneration('G1');
  });
  afterAll(async () => {
    await sut?.dispose();
    s3?.destroy();
    await server?.close();
    if (folder) await rm(folder, { recursive: true, force: true });
  });

  const objects = async () => ((await s3.send(new ListObjectsV2Command({ Bucket: 'evidence' }))).Contents ?? []).map((o) => o.Key);

  it("stores an inspection's photo in the bucket under its SHA-256 and streams it back; a mislabelled file leaves the bucket as it was", async () => {
    await releasedRacks(sut, 'DEL-S3-1', ['RK-S3-01']);
    const [inspection] = (await sut.get('/v1/racks/RK-S3-01').expect(200)).body.inspections;
    const path = `/v1/racks/RK-S3-01/inspections/${inspection.id}/attachments`;
    const sha256 = createHash('sha256').update(PNG).digest('hex');

    const answer = await sut.post(`${path}?filename=corner.png`).set('content-type', 'image/png').send(PNG).expect(201);

    expect(answer.body).toMatchObject({ mediaType: 'image/png', size: PNG.length, sha256 });
    expect(await objects()).toEqual([`intake/sha256/${sha256.slice(0, 2)}/${sha256}`]);
    const download = await sut.get(answer.body.href).buffer(true).parse(binary).expect(200);
    expect(download.headers).toMatchObject({ 'content-type': 'image/png', 'content-length': String(PNG.length), etag: `"${sha256}"` });
    expect(Buffer.compare(download.body, PNG)).toBe(0);

    const refused = await sut
      .post('/v1/deliveries/DEL-S3-1/attachments?filename=waybill.pdf')
      .set('content-type', 'application/pdf')
      .send(Buffer.from('not a pdf at all'))
      .expect(415);
    expect(refused.body.message).toContain('does not start with the application/pdf signature');
    expect(await objects()).toHaveLength(1);
    expect((await sut.get('/v1/deliveries/DEL-S3-1').expect(200)).body.attachments).toEqual([]);
  });
});
