import { RackReceived, Topics } from '@rackeval/contracts';
import { binaryBody, s3rverBucket, type S3rverBucket, waitFor } from '@rackeval/testing';
import { createHash } from 'node:crypto';
import { ResultsHarness } from './support/results.harness';

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(4000, 7)]);

/** The same evidence routes with ATTACHMENTS_STORE=s3, against an S3-compatible server on loopback. */
describe('attachments in an S3-compatible store', () => {
  let sut: ResultsHarness;
  let bucket: S3rverBucket;

  beforeAll(async () => {
    bucket = await s3rverBucket();
    sut = await ResultsHarness.start(bucket.settings('results/'));
    await sut.emitFrom('rackeval/intake', Topics.intakeRacks, RackReceived, {
      rackSerial: 'RK-S3-1',
      generation: 'G6',
      lot: 'LOT-C',
      occurredAt: new Date().toISOString(),
      actor: 'ines',
      deliveryReference: 'DEL-S3-1',
      site: 'us-west',
      domesticContentPct: '40.00',
      domesticContentTargetPct: '50.00',
      bomCost: '100000.00',
      bomCurrency: 'USD',
    });
    await waitFor(
      'RK-S3-1 known to findings',
      async () => (await sut.sql(`SELECT 1 FROM finding_rack WHERE rack_serial = 'RK-S3-1'`)).length === 1,
    );
  });
  afterAll(async () => {
    await sut?.dispose();
    await bucket?.close();
  });

  const objects = () => bucket.keys();

  it('stores a photo in the bucket under its SHA-256 and streams it back; a mislabelled file leaves the bucket as it was', async () => {
    const tess = await sut.as('tess');
    const finding = (await tess.post('/v1/findings').send({ rackSerial: 'RK-S3-1', title: 'crushed corner on arrival' }).expect(201)).body;
    const sha256 = createHash('sha256').update(PNG).digest('hex');

    const answer = await tess
      .post(`/v1/findings/${finding.id}/attachments?filename=corner.png`)
      .set('content-type', 'image/png')
      .send(PNG)
      .expect(201);

    expect(answer.body).toMatchObject({ mediaType: 'image/png', size: PNG.length, sha256 });
    expect(await objects()).toEqual([`results/sha256/${sha256.slice(0, 2)}/${sha256}`]);
    const download = await (
      await sut.as('vic')
    )
      .get(`/v1/findings/${finding.id}/attachments/${answer.body.id}`)
      .buffer(true)
      .parse(binaryBody)
      .expect(200);
    expect(download.headers).toMatchObject({ 'content-type': 'image/png', 'content-length': String(PNG.length), etag: `"${sha256}"` });
    expect(createHash('sha256').update(download.body).digest('hex')).toBe(sha256);

    const refused = await tess
      .post(`/v1/findings/${finding.id}/attachments?filename=report.pdf`)
      .set('content-type', 'application/pdf')
      .send(Buffer.from('not a pdf at all'))
      .expect(415);
    expect(refused.body.message).toContain('does not start with the application/pdf signature');
    expect(await objects()).toHaveLength(1);
  });
});
