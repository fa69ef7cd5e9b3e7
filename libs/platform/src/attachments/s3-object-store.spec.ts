import { createHash } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { contentKey } from './object-store';
import { createObjectStore } from './object-store.factory';
import { receiveUpload } from './receive-upload';
import { S3ObjectStore } from './s3-object-store';

// s3rver: an S3-compatible server from the npm registry, on loopback with a folder of its own.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const S3rver = require('s3rver');

const policy = { maxBytes: 1024 ** 2, maxBytesSetting: 'ATTACHMENTS_MAX_BYTES', allowed: ['application/pdf'] };

describe('S3-compatible object store (s3rver on loopback)', () => {
  let folder: string;
  let server: { run(): Promise<{ port: number }>; close(): Promise<void> };
  let sut: S3ObjectStore;

  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'rackeval-s3rver-'));
    server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory: folder, configureBuckets: [{ name: 'evidence' }] });
    const { port } = await server.run();
    sut = (await createObjectStore({
      kind: 's3',
      endpoint: `http://127.0.0.1:${port}`,
      region: 'us-east-1',
      bucket: 'evidence',
      accessKeyId: 'S3RVER',
      secretAccessKey: 'S3RVER',
      prefix: 'results/',
    })) as S3ObjectStore;
  });

  afterAll(async () => {
    sut?.close();
    await server?.close();
    await rm(folder, { recursive: true, force: true });
  });

  it('stores an upload by its content hash and streams the same bytes back', async () => {
    const bytes = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(200_000, 0x20), Buffer.from('%%EOF\n')]);
    const file = await receiveUpload(
      {
        body: Readable.from([bytes.subarray(0, 65_536), bytes.subarray(65_536)]),
        contentType: 'application/pdf',
        contentLength: undefined,
      },
      policy,
      sut.spoolDir,
    );
    const key = contentKey(file.sha256);

    await sut.put(key, file);

    const stored = await sut.get(key);
    expect(stored?.size).toBe(bytes.length);
    const back = await buffer(stored!.body);
    expect(createHash('sha256').update(back).digest('hex')).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(await sut.exists(key)).toBe(true);
    expect(await readdir(sut.spoolDir)).not.toContain(file.path.split('/').pop());
  });

  it('answers nothing for a key the bucket does not hold', async () => {
    expect(await sut.get(contentKey('f'.repeat(64)))).toBeUndefined();
    expect(await sut.exists(contentKey('f'.repeat(64)))).toBe(false);
  });
});
