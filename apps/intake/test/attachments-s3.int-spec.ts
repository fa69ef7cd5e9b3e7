import { binaryBody, s3rverBucket, type S3rverBucket } from '@rackeval/testing';
import { createHash } from 'node:crypto';
import { IntakeHarness } from './intake.fixture';
import { releasedRacks } from './support/racks';

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(4000, 7)]);

/** Intake's attachments with ATTACHMENTS_STORE=s3, against an S3-compatible server on loopback. */
describe('intake: attachments in an S3-compatible store', () => {
  let sut: IntakeHarness;
  let bucket: S3rverBucket;

  beforeAll(async () => {
    bucket = await s3rverBucket();
    sut = await IntakeHarness.start(bucket.settings('intake/'));
    await sut.registerGeneration('G1');
  });
  afterAll(async () => {
    await sut?.dispose();
    await bucket?.close();
  });

  const objects = () => bucket.keys();

  it("stores an inspection's photo in the bucket under its SHA-256 and streams it back; a mislabelled file leaves the bucket as it was", async () => {
    await releasedRacks(sut, 'DEL-S3-1', ['RK-S3-01']);
    const [inspection] = (await sut.get('/v1/racks/RK-S3-01').expect(200)).body.inspections;
    const path = `/v1/racks/RK-S3-01/inspections/${inspection.id}/attachments`;
    const sha256 = createHash('sha256').update(PNG).digest('hex');

    const answer = await sut.post(`${path}?filename=corner.png`).set('content-type', 'image/png').send(PNG).expect(201);

    expect(answer.body).toMatchObject({ mediaType: 'image/png', size: PNG.length, sha256 });
    expect(await objects()).toEqual([`intake/sha256/${sha256.slice(0, 2)}/${sha256}`]);
    const download = await sut.get(answer.body.href).buffer(true).parse(binaryBody).expect(200);
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
