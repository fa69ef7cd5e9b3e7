/**
 * Everyone the suite calls as: one seeded user per role, and a forged or broken token for each
 * JWT attack. Attack tokens claim the admin role, so any success would be a real escalation.
 */
import { readJwk, Role, ROLES } from '@rackeval/auth';
import { TestTokens } from '@rackeval/auth/testing';
import { createPublicKey } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { SignJWT } from 'jose';

export interface Caller {
  name: string;
  /** The role a legitimate caller holds; undefined for attacks. */
  role?: Role;
  /** undefined: no Authorization header at all. */
  token?: string;
  /** A valid token without any role: refused (403) everywhere but "who am I". */
  roleless?: boolean;
}

export const USER_OF_ROLE: Record<Role, string> = {
  intake: 'ines',
  'test-engineer': 'tariq',
  finance: 'fiona',
  admin: 'ada',
  viewer: 'vic',
};

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** The same token with its payload changed and the original signature kept. */
function withPayload(token: string, change: (claims: Record<string, unknown>) => void): string {
  const [header, payload, signature] = token.split('.');
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
  change(claims);
  return [header, b64(claims), signature].join('.');
}

export async function buildCallers(tokens: TestTokens): Promise<Caller[]> {
  const now = Math.floor(Date.now() / 1000);
  const roleCallers = await Promise.all(
    ROLES.map(async (role): Promise<Caller> => ({ name: role, role, token: await tokens.token(USER_OF_ROLE[role]) })),
  );
  const admin = roleCallers.find((caller) => caller.role === 'admin')!.token!;
  const viewer = roleCallers.find((caller) => caller.role === 'viewer')!.token!;
  const publicJwk = await readJwk(tokens.publicKeyFile);
  const claims = {
    sub: 'ada',
    preferred_username: 'ada',
    roles: ['admin'],
    iss: 'rackeval-local',
    aud: 'rackeval',
    iat: now,
    exp: now + 3600,
  };
  // Algorithm confusion: a verifier that takes `alg` from the token would check an HMAC keyed with
  // the public key, which anyone can fetch; both common encodings of that key are tried.
  const hmacWith = (secret: string) =>
    new SignJWT(claims).setProtectedHeader({ alg: 'HS256', typ: 'JWT', kid: publicJwk.kid }).sign(new TextEncoder().encode(secret));
  const publicPem = createPublicKey({ key: publicJwk as never, format: 'jwk' })
    .export({ type: 'spki', format: 'pem' })
    .toString();
  const [header, payload, signature] = admin.split('.');
  // One character in the middle of the signature: well-formed, but not this payload's signature.
  const flipped = `${signature.slice(0, 10)}${signature[10] === 'A' ? 'B' : 'A'}${signature.slice(11)}`;
  const attacks: Caller[] = [
    { name: 'no token' },
    { name: 'expired', token: await tokens.tokenWith({ expiresAt: now - 120, claims: { iat: now - 3720 } }) },
    { name: 'alg none', token: `${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims)}.` },
    { name: 'HS256 public JWK', token: await hmacWith(await readFile(tokens.publicKeyFile, 'utf8')) },
    { name: 'HS256 public PEM', token: await hmacWith(publicPem) },
    { name: 'wrong aud', token: await tokens.tokenWith({ audience: 'another-system' }) },
    { name: 'wrong iss', token: await tokens.tokenWith({ issuer: 'https://evil.example' }) },
    { name: 'no roles', token: await tokens.tokenWith({ username: 'nobody', roles: [] }), roleless: true },
    { name: 'tampered signature', token: `${header}.${payload}.${flipped}` },
    { name: 'tampered payload', token: withPayload(viewer, (c) => (c.roles = ['admin'])) },
    { name: 'unknown key', token: await tokens.tokenWith({ foreignKey: true }) },
  ];
  return [...roleCallers, ...attacks];
}

/** Every token the suite holds, for the log check. */
export const tokensOf = (callers: Caller[]) => callers.flatMap((caller) => (caller.token ? [caller.token] : []));
