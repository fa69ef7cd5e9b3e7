import { randomUUID } from 'node:crypto';
import { chmod, link, mkdir, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, JWK } from 'jose';
import { AuthConfigurationError } from '../auth.errors';

export const PRIVATE_KEY_FILE = 'local-issuer.private.jwk.json';
export const PUBLIC_KEY_FILE = 'local-issuer.public.jwk.json';

export interface LocalKeyFiles {
  privateKeyFile: string;
  publicKeyFile: string;
}

/**
 * Creates the development issuer's ES256 key pair in `dir` on first call and reuses it afterwards,
 * so no signing key is ever committed and tokens survive restarts.
 */
export async function ensureLocalKeyPair(dir: string): Promise<LocalKeyFiles> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const files = { privateKeyFile: join(dir, PRIVATE_KEY_FILE), publicKeyFile: join(dir, PUBLIC_KEY_FILE) };
  let privateJwk = await readJwkIfPresent(files.privateKeyFile);
  if (!privateJwk) {
    const created = await createPrivateJwk();
    // Another process starting at the same moment may win; then its key is the one to use.
    privateJwk = (await writeExclusive(files.privateKeyFile, created)) ? created : await readJwk(files.privateKeyFile);
  }
  const publicJwk = await readJwkIfPresent(files.publicKeyFile);
  if (publicJwk?.kid !== privateJwk.kid) await writeAtomic(files.publicKeyFile, publicPart(privateJwk), 0o644);
  return files;
}

/** Reads a JWK file, naming the file in the error when it is missing, unreadable or not a JWK. */
export async function readJwk(file: string): Promise<JWK> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const why = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'does not exist' : 'cannot be read';
    throw new AuthConfigurationError(`key file ${file} ${why}`, { cause: error });
  }
  let jwk: unknown;
  try {
    jwk = JSON.parse(text);
  } catch (error) {
    throw new AuthConfigurationError(`key file ${file} is not valid JSON`, { cause: error });
  }
  if (typeof jwk !== 'object' || jwk === null || typeof (jwk as JWK).kty !== 'string') {
    throw new AuthConfigurationError(`key file ${file} does not hold a JWK`);
  }
  return jwk as JWK;
}

/** The public half of a private EC JWK, keeping its identifying fields. */
export function publicPart(privateJwk: JWK): JWK {
  const { kty, crv, x, y, kid, alg, use } = privateJwk;
  return { kty, crv, x, y, kid, alg, use };
}

async function createPrivateJwk(): Promise<JWK> {
  const { privateKey } = await generateKeyPair('ES256', { extractable: true });
  const jwk = await exportJWK(privateKey);
  const kid = await calculateJwkThumbprint(publicPart(jwk));
  return { ...jwk, kid, alg: 'ES256', use: 'sig' };
}

async function readJwkIfPresent(file: string): Promise<JWK | undefined> {
  try {
    return await readJwk(file);
  } catch (error) {
    if ((error as { cause?: NodeJS.ErrnoException }).cause?.code === 'ENOENT') return undefined;
    throw error;
  }
}

// Write to a temporary name, then hard-link into place: readers never see half a file and
// `link` fails if the target exists, so two processes cannot both install a key.
async function writeExclusive(file: string, jwk: JWK): Promise<boolean> {
  const temporary = await writeTemporary(file, jwk, 0o600);
  try {
    await link(temporary, file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    await unlink(temporary);
  }
}

async function writeAtomic(file: string, jwk: JWK, mode: number): Promise<void> {
  await rename(await writeTemporary(file, jwk, mode), file);
}

async function writeTemporary(file: string, jwk: JWK, mode: number): Promise<string> {
  const temporary = `${file}.${randomUUID()}.tmp`;
  await writeFile(temporary, `${JSON.stringify(jwk, null, 2)}\n`, { mode, flag: 'wx' });
  await chmod(temporary, mode); // the umask may have removed bits; make the mode exact
  return temporary;
}
