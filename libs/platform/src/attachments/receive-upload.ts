import { PayloadTooLargeException, UnsupportedMediaTypeException } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable, Transform, TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { essenceOf, mislabelling, SNIFF_BYTES } from './media-types';
import { SpooledFile } from './object-store';

export interface UploadPolicy {
  /** Largest file in bytes; the 413 names it and the setting that holds it. */
  maxBytes: number;
  /** Setting name shown in the 413, e.g. `ATTACHMENTS_MAX_BYTES`. */
  maxBytesSetting: string;
  /** Media types accepted (essences, lowercase). */
  allowed: readonly string[];
}

export interface IncomingUpload {
  body: Readable;
  contentType: string | undefined;
  contentLength: string | undefined;
}

export const formatBytes = (bytes: number): string =>
  bytes >= 1024 ** 2 && bytes % 1024 ** 2 === 0
    ? `${bytes / 1024 ** 2} MiB`
    : bytes >= 1024 && bytes % 1024 === 0
      ? `${bytes / 1024} KiB`
      : `${bytes} bytes`;

export const tooLarge = (policy: UploadPolicy): PayloadTooLargeException =>
  new PayloadTooLargeException(
    `the file is larger than the limit of ${formatBytes(policy.maxBytes)} (${policy.maxBytesSetting}); nothing was stored`,
  );

class TooLarge extends Error {}

/** Counts, hashes and keeps the first bytes of what passes through; fails past the limit. */
class Measure extends Transform {
  readonly hash = createHash('sha256');
  size = 0;
  head = Buffer.alloc(0);

  constructor(private readonly maxBytes: number) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.size += chunk.length;
    if (this.size > this.maxBytes) return done(new TooLarge());
    if (this.head.length < SNIFF_BYTES) this.head = Buffer.concat([this.head, chunk.subarray(0, SNIFF_BYTES - this.head.length)]);
    this.hash.update(chunk);
    done(null, chunk);
  }
}

/**
 * Reads an upload into the spool folder while computing its SHA-256 and size, then checks the
 * declared media type against the allow-list and the file's own first bytes. A refused upload
 * (413, 415) leaves nothing behind; the caller stores the returned file or removes it.
 */
export async function receiveUpload(upload: IncomingUpload, policy: UploadPolicy, spoolDir: string): Promise<SpooledFile> {
  const mediaType = essenceOf(upload.contentType);
  if (!mediaType || !policy.allowed.includes(mediaType)) {
    upload.body.resume();
    throw new UnsupportedMediaTypeException(
      `media type ${upload.contentType ? JSON.stringify(upload.contentType) : '(none)'} is not accepted for attachments; send one of: ${policy.allowed.join(', ')}`,
    );
  }
  const declared = upload.contentLength === undefined ? undefined : Number(upload.contentLength);
  if (declared !== undefined && Number.isFinite(declared) && declared > policy.maxBytes) {
    upload.body.resume();
    throw tooLarge(policy);
  }
  const path = join(spoolDir, `${randomUUID()}.part`);
  const measure = new Measure(policy.maxBytes);
  try {
    await pipeline(upload.body, measure, createWriteStream(path, { flags: 'wx' }));
  } catch (error) {
    await rm(path, { force: true });
    if (error instanceof TooLarge) {
      upload.body.resume();
      throw tooLarge(policy);
    }
    throw error;
  }
  const problem = mislabelling(mediaType, measure.head);
  if (problem) {
    await rm(path, { force: true });
    throw new UnsupportedMediaTypeException(`${problem}; nothing was stored`);
  }
  return { path, size: measure.size, mediaType, sha256: measure.hash.digest('hex') };
}

/** Removes a spooled file that was not stored (the request failed after receiving it). */
export const discardSpooled = (file: SpooledFile): Promise<void> => rm(file.path, { force: true });
