/**
 * The console signing in against a real OpenID Provider (oidc-provider on loopback), with the
 * gateway and the four services in AUTH_MODE=oidc reading roles from `realm_access.roles`:
 * - sign-in by authorization code + PKCE through the provider's own login page; no password form in the console;
 * - the pages of each person's roles, and calls through the gateway to the services with the provider's token;
 * - the token renewed silently (75-second tokens) and the console still working after the first one expired;
 * - sign-out ending the session at the provider (end_session) and in the console.
 */
import { deleteTestTopics, RackevalSystem, TestApi, waitFor } from '@rackeval/testing';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page, Request } from 'playwright-core';
import { Browsers, flowTest, screenshot } from './support/browser';
import { TestOidcProvider } from './support/oidc-provider';

const CONSOLE_DIR = path.resolve(__dirname, '../dist');
const CLIENT_ID = 'rackeval-console';
const AUDIENCE = 'urn:rackeval:api';
const ROLES_CLAIM = 'realm_access.roles';
/** Above the client's 60-second renewal lead, so a renewal happens about 15 s after each sign-in or renewal. */
const ACCESS_TOKEN_TTL_SECONDS = 75;

interface StoredUser {
  access_token: string;
  refresh_token?: string;
  expires_at: number;
}

const claimsOf = (jwt: string): Record<string, unknown> => JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString('utf8'));
const bearerOf = (request: Request): string => (request.headers()['authorization'] ?? '').replace(/^Bearer /, '');

describe('console sign-in through an OpenID Provider', () => {
  let provider: TestOidcProvider;
  let system: RackevalSystem;
  let browsers: Browsers;
  let gateway: string;
  /** Fiona's page stays open from sign-in to sign-out. */
  let fiona: Page;

  const storedUser = (page: Page) =>
    page.evaluate((key) => {
      const raw = sessionStorage.getItem(key);
      return raw ? (JSON.parse(raw) as StoredUser) : null;
    }, `oidc.user:${provider.issuer}:${CLIENT_ID}`);

  /** Through the provider's login page, from the console's signed-out page. */
  async function signIn(page: Page, username: string, password = 'rackeval'): Promise<void> {
    await page.getByRole('button', { name: 'Sign in with your organisation' }).click();
    await page.waitForURL(`${provider.issuer}/interaction/**`);
    await page.getByLabel('Username').fill(username);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Log in' }).click();
  }

  /** What the browser reported (console errors, failed requests), shown when a test fails. */
  const browserLog: string[] = [];
  const watch = (page: Page, who: string) => {
    page.on('console', (message) => message.type() === 'error' && browserLog.push(`${who} console: ${message.text()}`));
    page.on('requestfailed', (request) =>
      browserLog.push(`${who} request failed: ${request.method()} ${request.url()} ${request.failure()?.errorText}`),
    );
    return page;
  };

  async function signedIn(username: string): Promise<Page> {
    const page = watch(await browsers.newPage(), username);
    await page.goto('/');
    await signIn(page, username);
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    return page;
  }

  /** The gateway's own `GET /api/auth/me` (not a service route, so not in the generated clients). */
  const whoAmI = async (token: string) => {
    const response = await fetch(`${gateway}/api/auth/me`, { headers: { authorization: `Bearer ${token}` } });
    return (await response.json()) as { username: string; issuer: string; roles: string[] };
  };

  beforeAll(async () => {
    if (!existsSync(path.join(CONSOLE_DIR, 'index.html')))
      throw new Error(`no built console in ${CONSOLE_DIR}: run \`npm run build\` in apps/console first (npm run e2e does)`);
    provider = await TestOidcProvider.reserve();
    const oidc = {
      AUTH_MODE: 'oidc',
      AUTH_ISSUER: provider.issuer,
      AUTH_AUDIENCE: AUDIENCE,
      AUTH_JWKS_URL: provider.jwksUrl,
      AUTH_ROLES_CLAIM: ROLES_CLAIM,
      AUTH_ALGORITHMS: 'ES256',
    };
    // No local issuer in oidc mode: these key paths are never read.
    const unused = mkdtempSync(path.join(tmpdir(), 'rackeval-oidc-'));
    system = await RackevalSystem.start({
      publicKeyFile: path.join(unused, 'none.public.jwk.json'),
      env: { intake: oidc, 'test-run': oidc, results: oidc, 'purchase-option': oidc },
      gateway: { keyDir: unused, consoleDir: CONSOLE_DIR, env: { ...oidc, AUTH_CONSOLE_CLIENT_ID: CLIENT_ID } },
    });
    gateway = system.gatewayUrl();
    await provider.start({
      consoleOrigin: gateway,
      clientId: CLIENT_ID,
      audience: AUDIENCE,
      accessTokenTtlSeconds: ACCESS_TOKEN_TTL_SECONDS,
    });
    browsers = await Browsers.launch(gateway);
  });

  /** A test whose failure leaves screenshots of every open page beside the key screens, and the browser's log. */
  const flow = flowTest(
    () => browsers,
    'oidc-',
    (error) => {
      if (error instanceof Error && browserLog.length) error.message += `\nbrowser log:\n${browserLog.join('\n')}`;
    },
  );

  afterAll(async () => {
    await browsers?.close();
    await system?.stop();
    await provider?.stop();
    await deleteTestTopics();
  });

  flow('tells the console to sign in through the provider, and runs no local issuer', async () => {
    const config = await (await fetch(`${gateway}/api/auth/config`)).json();
    expect(config).toEqual({
      mode: 'oidc',
      issuer: provider.issuer,
      clientId: CLIENT_ID,
      scopes: 'openid profile',
      rolesClaim: ROLES_CLAIM,
    });

    const localSignIn = await fetch(`${gateway}/api/auth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'fiona', password: 'rackeval' }),
    });
    expect(localSignIn.status).toBe(404);
  });

  flow("signs finance in through the provider's login page and calls the services with the provider's token", async () => {
    fiona = watch(await browsers.newPage(), 'fiona');
    await fiona.goto('/options');
    await fiona.getByRole('button', { name: 'Sign in with your organisation' }).waitFor();
    expect(await fiona.getByLabel('Password').count()).toBe(0);
    await screenshot(fiona, 'oidc-01-signed-out');

    await fiona.getByRole('button', { name: 'Sign in with your organisation' }).click();
    await fiona.waitForURL(`${provider.issuer}/interaction/**`);
    await screenshot(fiona, 'oidc-02-provider-login');
    await fiona.getByLabel('Username').fill('fiona');
    await fiona.getByLabel('Password').fill('not-her-password');
    await fiona.getByRole('button', { name: 'Log in' }).click();
    expect(await fiona.getByRole('alert').textContent()).toContain('Unknown user or wrong password');

    const optionsLoaded = fiona.waitForResponse((response) => new URL(response.url()).pathname === '/api/purchase-option/v1/options');
    expect(await fiona.getByLabel('Username').inputValue()).toBe('fiona');
    await fiona.getByLabel('Password').fill('rackeval');
    await fiona.getByRole('button', { name: 'Log in' }).click();
    const options = await optionsLoaded;

    await fiona.getByRole('heading', { name: 'Purchase options' }).waitFor();
    expect(new URL(fiona.url()).origin).toBe(gateway);
    expect(options.status()).toBe(200);
    const claims = claimsOf(bearerOf(options.request()));
    expect(claims).toMatchObject({
      iss: provider.issuer,
      aud: AUDIENCE,
      preferred_username: 'fiona',
      realm_access: { roles: ['finance'] },
    });
    const navigation = (await fiona.getByRole('navigation', { name: 'Main' }).textContent()) ?? '';
    expect(navigation).toContain('Option queue');
    expect(navigation).not.toContain('New delivery');
    // The live feed opens with a ticket bought with the provider's token.
    await fiona.locator('.live-status.live-live').waitFor();
    await screenshot(fiona, 'oidc-03-finance-signed-in');
  });

  flow('shows each person the pages of the roles in the claim, and the services enforce the same roles', async () => {
    const ada = await signedIn('ada');
    const vic = await signedIn('vic');
    const adaToken = (await storedUser(ada))!.access_token;
    const vicToken = (await storedUser(vic))!.access_token;

    expect(await ada.getByRole('navigation', { name: 'Main' }).textContent()).toContain('Programme admin');
    expect(await vic.getByRole('navigation', { name: 'Main' }).textContent()).not.toContain('Programme admin');
    await screenshot(vic, 'oidc-04-viewer-signed-in');

    const generation = {
      code: 'G9',
      name: 'Generation G9',
      cooling: 'direct-liquid',
      rackPowerBudgetKw: '130.000',
      gpusPerRack: 72,
      domesticContentTargetPct: '40.00',
    };
    // The services through the gateway with the generated clients, signed in with the tokens the console holds.
    const signedInTokens: Record<string, string> = { ada: adaToken, vic: vicToken };
    const api = TestApi.viaGateway(gateway, { token: async (username) => signedInTokens[username] });
    const refused = await api.as('vic').post('/intake/v1/generations', generation);
    expect(refused.status).toBe(403);
    const registered = await api.as('ada').post('/intake/v1/generations', generation);
    expect(registered.status).toBe(201);
    expect((await api.as('vic').get('/intake/v1/generations')).body?.items).toEqual([expect.objectContaining({ code: 'G9' })]);
    expect(await whoAmI(vicToken)).toMatchObject({
      username: 'vic',
      issuer: provider.issuer,
      roles: ['viewer'],
    });

    await ada.context().close();
    await vic.context().close();
  });

  flow('renews the token silently, and the console keeps working after the first token expired', async () => {
    const first = (await storedUser(fiona))!;
    await waitFor('a silently renewed token', async () => (await storedUser(fiona))?.access_token !== first.access_token, {
      timeoutMs: 60_000,
      intervalMs: 500,
    });
    await waitFor('the first token to expire', () => Date.now() > first.expires_at * 1000 + 1000, { timeoutMs: 120_000, intervalMs: 1000 });

    const racksLoaded = fiona.waitForResponse((response) => new URL(response.url()).pathname === '/api/intake/v1/racks');
    await fiona.getByRole('link', { name: 'Rack board' }).click();
    const racks = await racksLoaded;

    expect(racks.status()).toBe(200);
    expect(bearerOf(racks.request())).not.toBe(first.access_token);
    expect(claimsOf(bearerOf(racks.request())).exp as number).toBeGreaterThan(first.expires_at);
    expect(new URL(fiona.url()).origin).toBe(gateway);
    await fiona.getByRole('button', { name: 'Sign out' }).waitFor();
    await screenshot(fiona, 'oidc-05-after-silent-renew');
  });

  flow('signs out at the provider: the console is signed out after a reload and the provider asks for a password again', async () => {
    const before = (await storedUser(fiona))!;
    expect(before.refresh_token).toEqual(expect.any(String));

    await fiona.getByRole('button', { name: 'Sign out' }).click();
    await fiona.waitForURL(`${provider.issuer}/**`);
    await screenshot(fiona, 'oidc-06-provider-sign-out');
    await fiona.getByRole('button', { name: 'Yes, sign me out' }).click();
    await fiona.getByRole('button', { name: 'Sign in with your organisation' }).waitFor();
    expect(new URL(fiona.url()).origin).toBe(gateway);

    await fiona.reload();
    await fiona.getByRole('button', { name: 'Sign in with your organisation' }).waitFor();
    expect(await storedUser(fiona)).toBeNull();
    await screenshot(fiona, 'oidc-07-signed-out-after-reload');

    // The refresh token died with the session: nothing can renew it any more.
    const renewal = await fetch(`${provider.issuer}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: before.refresh_token!, client_id: CLIENT_ID }),
    });
    expect(renewal.status).toBe(400);
    expect(await renewal.json()).toMatchObject({ error: 'invalid_grant' });

    // No provider session left: signing in again shows the login page instead of coming straight back.
    await fiona.getByRole('button', { name: 'Sign in with your organisation' }).click();
    await fiona.waitForURL(`${provider.issuer}/interaction/**`);
    await fiona.getByLabel('Username').waitFor();
    await screenshot(fiona, 'oidc-08-provider-asks-again');
  });
});
