import { NotFoundException, UnsupportedMediaTypeException } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { type AttachmentFile, AttachmentFiles } from './attachment-files';
import type { AttachmentStoreConfig } from './attachment-store.config';
import { FilesystemObjectStore } from './filesystem-object-store';
import { contentKey } from './object-store';

const config = { ATTACHMENTS_MAX_BYTES: 1024, ATTACHMENTS_MEDIA_TYPES: 'text/plain,application/pdf' } as AttachmentStoreConfig;
const upload = (body: string, contentType = 'text/plain') => ({
  body: Readable.from([Buffer.from(body)]),
  contentType,
  contentLength: undefined,
});
const sha256 = (body: string) => createHash('sha256').update(body).digest('hex');

describe('attachment files', () => {
  let root: string;
  let store: FilesystemObjectStore;
  let sut: AttachmentFiles;
  let recorded: Array<{ rackSerial: string } & AttachmentFile>;
  const owner = (rackSerial = 'RK-1') => ({
    locate: async () => ({ rackSerial }),
    record: async (attachment: { rackSerial: string } & AttachmentFile) => recorded.push(attachment),
  });

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'rackeval-attachment-files-'));
    store = await new FilesystemObjectStore(root).init();
    sut = new AttachmentFiles(store, config);
    recorded = [];
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  it('stores the bytes under their SHA-256 and records them with the owner, the name and the uploader', async () => {
    const attachment = await sut.attach(owner(), upload('fan 3 stalled\n'), 'harness.log', 'tess');

    expect(attachment).toMatchObject({
      rackSerial: 'RK-1',
      filename: 'harness.log',
      mediaType: 'text/plain',
      size: 14,
      sha256: sha256('fan 3 stalled\n'),
      objectKey: contentKey(sha256('fan 3 stalled\n')),
      uploadedBy: 'tess',
    });
    expect(recorded).toEqual([attachment]);
    const opened = await sut.open(attachment, () => new NotFoundException());
    expect(opened.headers).toEqual({ mediaType: 'text/plain', size: 14, sha256: attachment.sha256, filename: 'harness.log' });
    expect(await text(opened.object.body)).toBe('fan 3 stalled\n');
  });

  it('looks the owner up before reading the body: an unknown owner stores and records nothing', async () => {
    const unknown = { locate: () => Promise.reject(new NotFoundException('finding F-1 does not exist')), record: owner().record };

    await expect(sut.attach(unknown, upload('log'), 'a.log', 'tess')).rejects.toThrow('finding F-1 does not exist');

    expect(recorded).toEqual([]);
    expect(await store.exists(contentKey(sha256('log')))).toBe(false);
  });

  it('refuses a mislabelled file without storing or recording it', async () => {
    await expect(sut.attach(owner(), upload('not a pdf', 'application/pdf'), 'r.pdf', 'tess')).rejects.toThrow(
      UnsupportedMediaTypeException,
    );

    expect(recorded).toEqual([]);
    expect(await store.exists(contentKey(sha256('not a pdf')))).toBe(false);
  });

  it('keeps one object for the same bytes attached twice, each with its own record', async () => {
    const first = await sut.attach(owner('RK-1'), upload('same'), 'a.log', 'tess');
    const second = await sut.attach(owner('RK-2'), upload('same'), 'b.log', 'vic');

    expect(second.objectKey).toBe(first.objectKey);
    expect(second.id).not.toBe(first.id);
    expect(recorded.map((a) => [a.rackSerial, a.filename])).toEqual([
      ['RK-1', 'a.log'],
      ['RK-2', 'b.log'],
    ]);
  });

  it("answers the caller's error for a missing attachment or missing bytes", async () => {
    const gone = { ...(await sut.attach(owner(), upload('x'), 'x.log', 'tess')), objectKey: contentKey(sha256('elsewhere')) };

    await expect(sut.open(undefined, () => new NotFoundException('no attachment A'))).rejects.toThrow('no attachment A');
    await expect(sut.open(gone, () => new NotFoundException('no attachment B'))).rejects.toThrow('no attachment B');
  });
});
