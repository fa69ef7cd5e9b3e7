import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AuthConfigurationError } from '../auth.errors';
import { ensureLocalKeyPair, readJwk } from './local-keys';

describe('ensureLocalKeyPair', () => {
  let root: string;

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'rackeval-keys-'));
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  it('creates the directory and an ES256 key pair whose private file only the owner can read', async () => {
    const sut = await ensureLocalKeyPair(join(root, 'nested', 'keys'));

    expect((await stat(sut.privateKeyFile)).mode & 0o777).toBe(0o600);
    const publicJwk = await readJwk(sut.publicKeyFile);
    expect(publicJwk).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256', use: 'sig' });
    expect(publicJwk.kid).toEqual(expect.any(String));
    expect(publicJwk).not.toHaveProperty('d');
    expect((await readJwk(sut.privateKeyFile)).kid).toBe(publicJwk.kid);
  });

  it('reuses the key pair on later calls', async () => {
    const first = await ensureLocalKeyPair(root);
    const before = await readFile(first.privateKeyFile, 'utf8');

    const sut = await ensureLocalKeyPair(root);

    expect(sut).toEqual(first);
    expect(await readFile(sut.privateKeyFile, 'utf8')).toBe(before);
  });

  it('ends with one key pair when several callers start at once', async () => {
    const results = await Promise.all([1, 2, 3, 4].map(() => ensureLocalKeyPair(root)));

    const kids = await Promise.all(results.map(async (files) => (await readJwk(files.publicKeyFile)).kid));
    expect(new Set(kids).size).toBe(1);
    expect((await readJwk(results[0].privateKeyFile)).kid).toBe(kids[0]);
  });

  it('restores a deleted public key from the private key', async () => {
    const first = await ensureLocalKeyPair(root);
    const kid = (await readJwk(first.publicKeyFile)).kid;
    await rm(first.publicKeyFile);

    await ensureLocalKeyPair(root);

    expect((await readJwk(first.publicKeyFile)).kid).toBe(kid);
  });
});

describe('readJwk', () => {
  it('names the file when it does not exist', async () => {
    const error = await readJwk('/nonexistent/key.json').catch((e: unknown) => e);

    expect(error).toBeInstanceOf(AuthConfigurationError);
    expect((error as Error).message).toBe('key file /nonexistent/key.json does not exist');
  });

  it('names the file when it is not a JWK', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rackeval-keys-'));
    const file = join(dir, 'key.json');
    await writeFile(file, '{"hello":"world"}');

    await expect(readJwk(file)).rejects.toThrow(`key file ${file} does not hold a JWK`);
    await rm(dir, { recursive: true });
  });
});
