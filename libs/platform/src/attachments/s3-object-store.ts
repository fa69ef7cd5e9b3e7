import type { S3Client } from '@aws-sdk/client-s3';
import { createReadStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { checkObjectKey, ObjectStore, SpooledFile, StoredObject } from './object-store';

export interface S3StoreSettings {
  /** e.g. `https://s3.us-east-1.amazonaws.com`, or a MinIO / Ceph endpoint; path-style addressing. */
  endpoint: string;
  region: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** Key prefix inside the bucket, e.g. `results/`. */
  prefix?: string;
}

type S3Sdk = typeof import('@aws-sdk/client-s3');

const isMissing = (error: unknown): boolean =>
  (error as { name?: string })?.name === 'NoSuchKey' ||
  (error as { name?: string })?.name === 'NotFound' ||
  (error as { $metadata?: { httpStatusCode?: number } })?.$metadata?.httpStatusCode === 404;

/**
 * Objects in an S3-compatible bucket. Uploads are spooled to local disk first (checked, hashed and
 * sized), so each object is written by one PUT with its exact length and SHA-256: a failed upload
 * leaves no partial object behind.
 */
export class S3ObjectStore implements ObjectStore {
  readonly kind = 's3' as const;
  readonly spoolDir = join(tmpdir(), 'rackeval-attachments-spool');
  private sdk!: S3Sdk;
  private client!: S3Client;

  constructor(private readonly settings: S3StoreSettings) {}

  /** The SDK loads only when an S3 store is configured: services on the folder store never pay for it. */
  async init(): Promise<this> {
    this.sdk = await import('@aws-sdk/client-s3');
    this.client = new this.sdk.S3Client({
      endpoint: this.settings.endpoint,
      region: this.settings.region,
      forcePathStyle: true,
      credentials: { accessKeyId: this.settings.accessKeyId, secretAccessKey: this.settings.secretAccessKey },
    });
    await mkdir(this.spoolDir, { recursive: true });
    return this;
  }

  async put(key: string, file: SpooledFile): Promise<void> {
    try {
      await this.client.send(
        new this.sdk.PutObjectCommand({
          Bucket: this.settings.bucket,
          Key: this.keyOf(key),
          Body: createReadStream(file.path),
          ContentLength: file.size,
          ContentType: file.mediaType,
          ChecksumSHA256: Buffer.from(file.sha256, 'hex').toString('base64'),
        }),
      );
    } finally {
      await rm(file.path, { force: true });
    }
  }

  async get(key: string): Promise<StoredObject | undefined> {
    try {
      const object = await this.client.send(new this.sdk.GetObjectCommand({ Bucket: this.settings.bucket, Key: this.keyOf(key) }));
      return { body: object.Body as Readable, size: Number(object.ContentLength) };
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw error;
    }
  }

  async exists(key: string): Promise<boolean> {
    try {
      await this.client.send(new this.sdk.HeadObjectCommand({ Bucket: this.settings.bucket, Key: this.keyOf(key) }));
      return true;
    } catch (error) {
      if (isMissing(error)) return false;
      throw error;
    }
  }

  close(): void {
    this.client.destroy();
  }

  private keyOf(key: string): string {
    return `${this.settings.prefix ?? ''}${checkObjectKey(key)}`;
  }
}
