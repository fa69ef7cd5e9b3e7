import type { S3Client } from '@aws-sdk/client-s3';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

/** A bucket on an S3-compatible server on loopback, for a service started with ATTACHMENTS_STORE=s3. */
export interface S3rverBucket {
  endpoint: string;
  bucket: string;
  /** The settings of a service storing its attachments in this bucket under `prefix` (e.g. `results/`). */
  settings(prefix: string): Record<string, string>;
  /** The keys of every object in the bucket. */
  keys(): Promise<string[]>;
  /** Stops the server and removes its folder. */
  close(): Promise<void>;
}

/** Starts s3rver on a free loopback port with an empty bucket (`evidence` unless named) in a folder of its own. */
export async function s3rverBucket(bucket = 'evidence'): Promise<S3rverBucket> {
  // Loaded here, not with the library: only the specs of an S3-compatible store need them.
  // s3rver: an S3-compatible server from the npm registry, on loopback with a folder of its own.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const S3rver = require('s3rver');
  const { ListObjectsV2Command, S3Client } = await import('@aws-sdk/client-s3');
  const folder = await mkdtemp(join(tmpdir(), 'rackeval-s3rver-'));
  const server: { run(): Promise<{ port: number }>; close(): Promise<void> } = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory: folder,
    configureBuckets: [{ name: bucket }],
  });
  let client: S3Client | undefined;
  try {
    const { port } = await server.run();
    const endpoint = `http://127.0.0.1:${port}`;
    client = new S3Client({ endpoint, region: 'us-east-1', forcePathStyle: true, credentials: CREDENTIALS });
    const s3 = client;
    return {
      endpoint,
      bucket,
      settings: (prefix) => ({
        ATTACHMENTS_STORE: 's3',
        ATTACHMENTS_S3_ENDPOINT: endpoint,
        ATTACHMENTS_S3_BUCKET: bucket,
        ATTACHMENTS_S3_ACCESS_KEY_ID: CREDENTIALS.accessKeyId,
        ATTACHMENTS_S3_SECRET_ACCESS_KEY: CREDENTIALS.secretAccessKey,
        ATTACHMENTS_S3_PREFIX: prefix,
      }),
      keys: async () =>
        ((await s3.send(new ListObjectsV2Command({ Bucket: bucket }))).Contents ?? []).flatMap((o) => (o.Key ? [o.Key] : [])),
      close: async () => {
        s3.destroy();
        await server.close();
        await rm(folder, { recursive: true, force: true });
      },
    };
  } catch (error) {
    client?.destroy();
    await server.close().catch(() => undefined);
    await rm(folder, { recursive: true, force: true });
    throw error;
  }
}

/** A supertest parser that keeps a download's body as the bytes it was: `.buffer(true).parse(binaryBody)`. */
export function binaryBody(res: Pick<NodeJS.EventEmitter, 'on'>, done: (error: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => done(null, Buffer.concat(chunks)));
}
