import { PayloadTooLargeException, UnsupportedMediaTypeException } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { FilesystemObjectStore } from './filesystem-object-store';
import { mislabelling, sniffMediaType } from './media-types';
import { contentKey } from './object-store';
import { receiveUpload, UploadPolicy } from './receive-upload';

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 73, 72, 68, 82]);
const policy: UploadPolicy = {
  maxBytes: 1024,
  maxBytesSetting: 'ATTACHMENTS_MAX_BYTES',
  allowed: ['text/plain', 'image/png', 'application/pdf'],
};
const upload = (body: Buffer | Buffer[], contentType: string | undefined, contentLength?: number) => ({
  body: Readable.from(Array.isArray(body) ? body : [body]),
  contentType,
  contentLength: contentLength === undefined ? undefined : String(contentLength),
});

describe('media types', () => {
  it('recognises images and PDF by their first bytes', () => {
    expect(sniffMediaType(PNG)).toBe('image/png');
    expect(sniffMediaType(Buffer.from('%PDF-1.7\n'))).toBe('application/pdf');
    expect(sniffMediaType(Buffer.from('plain log line'))).toBeUndefined();
  });

  it.each([
    ['a PNG declared as text', 'text/plain', PNG, 'declared text/plain but its content is image/png'],
    ['text declared as a PDF', 'application/pdf', Buffer.from('not a pdf'), 'does not start with the application/pdf signature'],
    ['binary declared as text', 'text/plain', Buffer.from([0x41, 0, 0x42]), 'contains binary data'],
  ])('names the mismatch of %s', (_, declared, head, message) => {
    expect(mislabelling(declared, head)).toContain(message);
  });

  it('accepts bytes that match their declared type', () => {
    expect(mislabelling('image/png', PNG)).toBeUndefined();
    expect(mislabelling('text/plain', Buffer.from('2026-11-29 burn-in ok\n'))).toBeUndefined();
  });
});

describe('receiving an upload into the filesystem store', () => {
  let root: string;
  let sut: FilesystemObjectStore;

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'rackeval-attachments-'));
    sut = await new FilesystemObjectStore(root).init();
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  const spooled = () => readdir(sut.spoolDir);

  it('stores the bytes under their content hash and reads them back', async () => {
    const bytes = Buffer.from('psu shelf 2 tripped at 97 kW\n'.repeat(20));
    const file = await receiveUpload(
      upload([bytes.subarray(0, 100), bytes.subarray(100)], 'text/plain; charset=utf-8'),
      policy,
      sut.spoolDir,
    );
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    expect(file).toMatchObject({ size: bytes.length, mediaType: 'text/plain', sha256 });

    await sut.put(contentKey(file.sha256), file);

    const stored = await sut.get(contentKey(sha256));
    expect(stored?.size).toBe(bytes.length);
    expect(await text(stored!.body)).toBe(bytes.toString());
    expect(await sut.exists(contentKey(sha256))).toBe(true);
    expect(await spooled()).toEqual([]);
  });

  it('answers nothing for a key it does not hold', async () => {
    expect(await sut.get(contentKey('0'.repeat(64)))).toBeUndefined();
  });

  it('refuses a file past the limit with 413 naming the limit, and keeps nothing', async () => {
    const error = await receiveUpload(upload([Buffer.alloc(600, 0x61), Buffer.alloc(600, 0x61)], 'text/plain'), policy, sut.spoolDir).catch(
      (e) => e,
    );
    expect(error).toBeInstanceOf(PayloadTooLargeException);
    expect(error.message).toBe('the file is larger than the limit of 1 KiB (ATTACHMENTS_MAX_BYTES); nothing was stored');
    expect(await spooled()).toEqual([]);
  });

  it('refuses at once a file whose Content-Length is past the limit', async () => {
    const error = await receiveUpload(upload(Buffer.alloc(10), 'text/plain', 5000), policy, sut.spoolDir).catch((e) => e);
    expect(error).toBeInstanceOf(PayloadTooLargeException);
  });

  it('refuses a mislabelled file with 415 naming both types, and keeps nothing', async () => {
    const error = await receiveUpload(upload(PNG, 'application/pdf'), policy, sut.spoolDir).catch((e) => e);
    expect(error).toBeInstanceOf(UnsupportedMediaTypeException);
    expect(error.message).toBe('the file is declared application/pdf but its content is image/png; nothing was stored');
    expect(await spooled()).toEqual([]);
  });

  it('refuses a media type outside the allow-list with 415 naming it and the accepted ones', async () => {
    const error = await receiveUpload(upload(Buffer.from('MZ'), 'application/x-msdownload'), policy, sut.spoolDir).catch((e) => e);
    expect(error).toBeInstanceOf(UnsupportedMediaTypeException);
    expect(error.message).toContain(
      '"application/x-msdownload" is not accepted for attachments; send one of: text/plain, image/png, application/pdf',
    );
  });

  it('never resolves a key outside its folder', async () => {
    await expect(sut.get('../../etc/passwd')).rejects.toThrow('not an object key');
  });
});
