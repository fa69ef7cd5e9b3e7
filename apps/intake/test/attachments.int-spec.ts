import { IntakeAttachmentAdded, Topics } from '@rackeval/contracts';
import { waitFor } from '@rackeval/testing';
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type request from 'supertest';
import { IntakeHarness } from './intake.fixture';
import { releasedRacks } from './support/racks';

const MAX_BYTES = 64 * 1024;
const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]),
  Buffer.alloc(3000, 7),
]);
const PDF = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(2000, 0x20), Buffer.from('%%EOF\n')]);
const UNKNOWN_ID = '0b7f8a7e-5f0e-4d7e-9c56-3a4b5c6d7e8f';

const sha256Of = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const binary = (res: request.Response, done: (error: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

/** Files on deliveries, inspections and RMAs through HTTP, stored in a folder, announced on intake's topic. */
describe('intake: attachments of deliveries, inspections and RMAs', () => {
  let sut: IntakeHarness;
  let folder: string;

  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'rackeval-intake-attachments-'));
    sut = await IntakeHarness.start({ ATTACHMENTS_DIR: folder, ATTACHMENTS_MAX_BYTES: String(MAX_BYTES) });
    await sut.registerGeneration('G1');
  });
  afterAll(async () => {
    await sut?.dispose();
    if (folder) await rm(folder, { recursive: true, force: true });
  });

  const rack = async (serial: string) => (await sut.get(`/v1/racks/${serial}`).expect(200)).body;
  /** A rack of its own delivery `DEL-<serial>`, inspected ACCEPTED: its inspection's id. */
  async function inspected(serial: string): Promise<string> {
    await releasedRacks(sut, `DEL-${serial}`, [serial]);
    return (await rack(serial)).inspections[0].id;
  }
  /** An OPEN RMA for a rack withdrawn after its inspection: the RMA's id. */
  async function openRma(serial: string, rmaNumber: string): Promise<string> {
    await inspected(serial);
    await sut.post(`/v1/racks/${serial}/withdraw`).send({ reason: 'chassis bent in transit' }).expect(200);
    return (
      await sut
        .post('/v1/rmas')
        .send({ rmaNumber, serials: [serial], findingIds: [] })
        .expect(201)
    ).body.id;
  }
  const upload = (path: string, file: Buffer, contentType: string, filename: string, as = 'ines') =>
    sut
      .post(`${path}?filename=${encodeURIComponent(filename)}`, as)
      .set('content-type', contentType)
      .send(file);
  const download = (href: string, as = 'vic') => sut.get(href, as).buffer(true).parse(binary);
  const attachmentRows = async () => (await sut.sql<{ n: number }>(`SELECT count(*)::int AS n FROM attachment`))[0].n;
  const storedFiles = async (dir = folder): Promise<string[]> => {
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
    const nested = await Promise.all(entries.filter((e) => e.isDirectory()).map((e) => storedFiles(join(dir, e.name))));
    return entries
      .filter((e) => !e.isDirectory())
      .map((e) => join(dir, e.name))
      .concat(...nested)
      .sort();
  };
  const announced = (ownerId: string) =>
    waitFor(`attachment of ${ownerId} on the topic`, async () =>
      (await sut.eventsAbout(Topics.intakeRacks, ownerId)).find((event) => event.type === IntakeAttachmentAdded.type),
    );

  it("attaches a photo to an inspection: the rack's inspection lists it, a viewer downloads the same bytes with their headers, and the event names the rack", async () => {
    const inspectionId = await inspected('RK-AT-01');
    const path = `/v1/racks/RK-AT-01/inspections/${inspectionId}/attachments`;
    const sha256 = sha256Of(PNG);

    const answer = await upload(path, PNG, 'image/png', 'dented corner.png').expect(201);

    const href = `${path}/${answer.body.id}`;
    // What the attachment view and its event both say of the file and its owner.
    const attached = {
      owner: 'INSPECTION',
      ownerId: inspectionId,
      rackSerial: 'RK-AT-01',
      filename: 'dented corner.png',
      mediaType: 'image/png',
      size: PNG.length,
      sha256,
    };
    expect(answer.body).toEqual({
      id: expect.any(String),
      ...attached,
      uploadedBy: 'ines',
      uploadedAt: expect.any(String),
      href,
    });
    const photo = await download(href).expect(200);
    expect(photo.headers).toMatchObject({
      'content-type': 'image/png',
      'content-length': String(PNG.length),
      etag: `"${sha256}"`,
      'content-disposition': `attachment; filename="dented corner.png"; filename*=UTF-8''dented%20corner.png`,
    });
    expect(Buffer.compare(photo.body, PNG)).toBe(0);
    expect((await rack('RK-AT-01')).inspections).toEqual([expect.objectContaining({ id: inspectionId, attachments: [answer.body] })]);
    expect((await sut.get(path).expect(200)).body).toEqual([answer.body]);
    expect((await announced(inspectionId)).data).toEqual({
      attachmentId: answer.body.id,
      ...attached,
      actor: 'ines',
      occurredAt: answer.body.uploadedAt,
    });
  });

  it("attaches a PDF packing list to an RMA (an admin may): the RMA's detail lists it and it downloads byte for byte", async () => {
    const rmaId = await openRma('RK-AT-02', 'RMA-AT-0001');

    const answer = await upload(`/v1/rmas/${rmaId}/attachments`, PDF, 'application/pdf', 'packing list.pdf', 'ada').expect(201);

    expect(answer.body).toMatchObject({
      owner: 'RMA',
      ownerId: rmaId,
      filename: 'packing list.pdf',
      mediaType: 'application/pdf',
      size: PDF.length,
      sha256: sha256Of(PDF),
      uploadedBy: 'ada',
      href: `/v1/rmas/${rmaId}/attachments/${answer.body.id}`,
    });
    expect(answer.body).not.toHaveProperty('rackSerial');
    const detail = (await sut.get(`/v1/rmas/${rmaId}`, 'fiona').expect(200)).body;
    expect(detail.attachments).toEqual([answer.body]);
    const pdf = await download(answer.body.href, 'fiona').expect(200);
    expect(pdf.headers).toMatchObject({
      'content-type': 'application/pdf',
      'content-length': String(PDF.length),
      etag: `"${sha256Of(PDF)}"`,
    });
    expect(Buffer.compare(pdf.body, PDF)).toBe(0);
    expect((await announced(rmaId)).data).toMatchObject({ owner: 'RMA', ownerId: rmaId, actor: 'ada', filename: 'packing list.pdf' });
  });

  it("attaches the carrier's papers to a delivery: GET /v1/deliveries/{reference} and the list show them, and they download as text", async () => {
    await inspected('RK-AT-03');
    const papers = Buffer.from('DHL waybill 7781-2231\nseal intact: no\nsigned: ines\n');

    const answer = await upload('/v1/deliveries/DEL-RK-AT-03/attachments', papers, 'text/plain; charset=utf-8', 'waybill.txt').expect(201);

    expect(answer.body).toMatchObject({
      owner: 'DELIVERY',
      ownerId: 'DEL-RK-AT-03',
      mediaType: 'text/plain',
      size: papers.length,
      href: `/v1/deliveries/DEL-RK-AT-03/attachments/${answer.body.id}`,
    });
    const delivery = (await sut.get('/v1/deliveries/DEL-RK-AT-03').expect(200)).body;
    expect(delivery).toMatchObject({
      reference: 'DEL-RK-AT-03',
      racks: [expect.objectContaining({ serial: 'RK-AT-03' })],
      attachments: [answer.body],
    });
    expect((await sut.get('/v1/deliveries/DEL-RK-AT-03/attachments').expect(200)).body).toEqual([answer.body]);
    const text = await download(answer.body.href).expect(200);
    expect(text.headers).toMatchObject({ 'content-type': 'text/plain', 'content-length': String(papers.length) });
    expect(text.body.toString()).toBe(papers.toString());
    expect((await announced('DEL-RK-AT-03')).data).toMatchObject({ owner: 'DELIVERY', ownerId: 'DEL-RK-AT-03', filename: 'waybill.txt' });
    await sut.get('/v1/deliveries/DEL-UNKNOWN').expect(404);
  });

  it('refuses a file past the limit (413 naming it), a mislabelled or unaccepted one (415 naming the types), an unknown owner (404 naming it) and a path as filename (400), writing and storing nothing', async () => {
    const inspectionId = await inspected('RK-AT-04');
    const otherInspection = await inspected('RK-AT-05');
    const rmaId = await openRma('RK-AT-06', 'RMA-AT-0002');
    const inspection = `/v1/racks/RK-AT-04/inspections/${inspectionId}/attachments`;
    const [rows, outbox, files] = [await attachmentRows(), (await sut.counts()).outbox, await storedFiles()];

    const large = await upload(inspection, Buffer.alloc(MAX_BYTES + 1, 0x61), 'text/plain', 'big.log').expect(413);
    expect(large.body.message).toBe('the file is larger than the limit of 64 KiB (ATTACHMENTS_MAX_BYTES); nothing was stored');
    const mislabelled = await upload(`/v1/rmas/${rmaId}/attachments`, PNG, 'application/pdf', 'scan.pdf').expect(415);
    expect(mislabelled.body.message).toBe('the file is declared application/pdf but its content is image/png; nothing was stored');
    const exe = await upload('/v1/deliveries/DEL-RK-AT-04/attachments', Buffer.from('MZ'), 'application/x-msdownload', 'tool.exe').expect(
      415,
    );
    expect(exe.body.message).toContain('"application/x-msdownload" is not accepted for attachments; send one of: text/plain');

    const noDelivery = await upload('/v1/deliveries/DEL-NOWHERE/attachments', PNG, 'image/png', 'x.png').expect(404);
    expect(noDelivery.body).toMatchObject({ message: 'delivery DEL-NOWHERE is not known to intake', details: [{ field: 'reference' }] });
    const noInspection = await upload(`/v1/racks/RK-AT-04/inspections/${UNKNOWN_ID}/attachments`, PNG, 'image/png', 'x.png').expect(404);
    expect(noInspection.body.message).toBe(`inspection ${UNKNOWN_ID} of rack RK-AT-04 is not known to intake`);
    // An inspection of another rack is not this rack's.
    await upload(`/v1/racks/RK-AT-04/inspections/${otherInspection}/attachments`, PNG, 'image/png', 'x.png').expect(404);
    const noRack = await upload(`/v1/racks/RK-NOWHERE/inspections/${inspectionId}/attachments`, PNG, 'image/png', 'x.png').expect(404);
    expect(noRack.body).toMatchObject({ code: 'RACK_NOT_FOUND', message: 'rack RK-NOWHERE is not known to intake' });
    const noRma = await upload(`/v1/rmas/${UNKNOWN_ID}/attachments`, PDF, 'application/pdf', 'x.pdf').expect(404);
    expect(noRma.body).toMatchObject({ code: 'RMA_NOT_FOUND', message: `RMA ${UNKNOWN_ID} is not known to intake` });
    const unnamed = await upload(inspection, Buffer.from('x'), 'text/plain', '../etc/passwd').expect(400);
    expect(unnamed.body.details.map((d: { field: string }) => d.field)).toContain('filename');

    expect(await attachmentRows()).toBe(rows);
    expect((await sut.counts()).outbox).toBe(outbox);
    expect(await storedFiles()).toEqual(files);
  });

  it("lets a viewer list and download but not upload (403); an attachment is found only through its owner's path", async () => {
    const inspectionId = await inspected('RK-AT-07');
    const otherInspection = await inspected('RK-AT-08');
    const path = `/v1/racks/RK-AT-07/inspections/${inspectionId}/attachments`;
    const rows = await attachmentRows();

    await upload(path, PNG, 'image/png', 'by-viewer.png', 'vic').expect(403);
    await upload('/v1/deliveries/DEL-RK-AT-07/attachments', PNG, 'image/png', 'by-engineer.png', 'tariq').expect(403);
    expect(await attachmentRows()).toBe(rows);

    const { body: attached } = await upload(path, PNG, 'image/png', 'leak test.png').expect(201);
    expect((await sut.get(path, 'vic').expect(200)).body).toEqual([attached]);
    await download(attached.href, 'vic').expect(200);
    await sut.get(`/v1/racks/RK-AT-08/inspections/${inspectionId}/attachments/${attached.id}`).expect(404);
    await sut.get(`/v1/racks/RK-AT-08/inspections/${otherInspection}/attachments/${attached.id}`).expect(404);
    await sut.get(`/v1/deliveries/DEL-RK-AT-07/attachments/${attached.id}`).expect(404);
    const unknown = await sut.get(`${path}/${UNKNOWN_ID}`).expect(404);
    expect(unknown.body).toMatchObject({ code: 'UNKNOWN_ATTACHMENT', details: [{ field: 'attachmentId' }] });
    await sut.get(`${path}/not-a-uuid`).expect(400);
  });
});
