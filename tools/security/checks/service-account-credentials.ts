/**
 * Service accounts through the gateway: nobody but an admin manages them, no role above test-engineer
 * can be given to one, and the client-credentials grant refuses broken credentials (wrong secret,
 * another account's secret, malformed Basic, revoked account, expired account) with RFC 6749
 * `invalid_client`, never a token. A revoked account's last token ends within its lifetime.
 */
import { send } from '../support/http';
import { CheckOutcome, curl, Violation } from '../support/outcome';
import type { Caller } from './callers';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** `secrets` gains every client secret and token issued here, so the log check looks for them too. */
export async function checkServiceAccountCredentials(
  gatewayUrl: string,
  callers: readonly Caller[],
  secrets: string[],
): Promise<CheckOutcome> {
  const violations: Violation[] = [];
  let tried = 0;
  const accounts = `${gatewayUrl}/api/auth/service-accounts`;
  const tokenUrl = `${gatewayUrl}/api/auth/token`;
  const admin = callers.find((caller) => caller.role === 'admin')!.token!;
  const expiresAt = (ms: number) => new Date(Date.now() + ms).toISOString();
  const create = async (token: string, body: Record<string, unknown>) => {
    tried++;
    return send('POST', accounts, { token, body: JSON.stringify(body) });
  };
  const grant = async (clientId: string, clientSecret: string) => {
    tried++;
    return send('POST', tokenUrl, {
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret }).toString(),
      contentType: 'application/x-www-form-urlencoded',
    });
  };
  const expectRefused = async (what: string, answer: Awaited<ReturnType<typeof grant>>, description?: string) => {
    const body = answer.json<{ error?: string; error_description?: string; access_token?: string }>() ?? {};
    if (
      answer.status !== 401 ||
      body.error !== 'invalid_client' ||
      body.access_token ||
      (description && body.error_description !== description)
    ) {
      violations.push({
        what: `${what}: ${answer.status} ${answer.text.slice(0, 200)}, expected 401 invalid_client${description ? ` (${description})` : ''}`,
        reproduce: `curl -sS -X POST '${tokenUrl}' -d grant_type=client_credentials -d client_id=… -d client_secret=…`,
      });
    }
  };

  // Only an admin creates accounts; nobody gives one a role above test-engineer.
  for (const caller of callers.filter((c) => c.token && c.role !== 'admin')) {
    const answer = await create(caller.token!, {
      name: `sec-${caller.name}`
        .toLowerCase()
        .replace(/[^a-z0-9-]/g, '-')
        .slice(0, 60),
      role: 'viewer',
      expiresAt: expiresAt(86_400_000),
    });
    if (answer.status !== 401 && answer.status !== 403)
      violations.push({
        what: `${caller.name} created a service account: ${answer.status}`,
        reproduce: curl('POST', accounts, caller.name, '{"name":"x","role":"viewer","expiresAt":"…"}'),
      });
  }
  for (const role of ['admin', 'finance', 'intake', 'root']) {
    const answer = await create(admin, { name: `sec-ceiling-${role}`, role, expiresAt: expiresAt(86_400_000) });
    if (answer.status !== 422)
      violations.push({
        what: `an account with role ${role}: ${answer.status}, expected 422`,
        reproduce: curl('POST', accounts, 'admin', `{"name":"x","role":"${role}","expiresAt":"…"}`),
      });
  }

  const made = await create(admin, { name: 'sec-harness', role: 'test-engineer', expiresAt: expiresAt(86_400_000) });
  const other = await create(admin, { name: 'sec-other', role: 'viewer', expiresAt: expiresAt(86_400_000) });
  const soon = await create(admin, { name: 'sec-expiring', role: 'viewer', expiresAt: expiresAt(3_000) });
  if (made.status !== 201 || other.status !== 201 || soon.status !== 201) {
    return {
      check: 'service-account credentials',
      target: 'gateway',
      tried,
      violations,
      skipped: `service accounts could not be created (${made.status} ${made.text.slice(0, 200)})`,
    };
  }
  type Created = { account: { clientId: string }; clientSecret: string };
  const [harness, second, expiring] = [made.json<Created>(), other.json<Created>(), soon.json<Created>()];
  secrets.push(harness.clientSecret, second.clientSecret, expiring.clientSecret);

  await expectRefused('wrong secret', await grant(harness.account.clientId, `${harness.clientSecret}x`), 'unknown client or wrong secret');
  await expectRefused(
    "another account's secret",
    await grant(harness.account.clientId, second.clientSecret),
    'unknown client or wrong secret',
  );
  await expectRefused(
    'unknown client',
    await grant('00000000-0000-4000-8000-000000000000', harness.clientSecret),
    'unknown client or wrong secret',
  );
  tried++;
  const malformed = await send('POST', tokenUrl, {
    body: 'grant_type=client_credentials',
    contentType: 'application/x-www-form-urlencoded',
    headers: { authorization: `Basic ${Buffer.from('no-colon').toString('base64')}` },
  });
  await expectRefused('Basic without client_id:secret', malformed);

  const good = await grant(harness.account.clientId, harness.clientSecret);
  const live = good.json<{ access_token?: string; expires_in?: number }>();
  if (live?.access_token) secrets.push(live.access_token);
  if (good.status !== 200 || !live?.access_token)
    violations.push({
      what: `the right secret: ${good.status}, expected a token`,
      reproduce: `curl -sS -X POST '${tokenUrl}' -d grant_type=client_credentials …`,
    });

  tried++;
  await send('POST', `${accounts}/${harness.account.clientId}/revoke`, {
    token: admin,
    body: JSON.stringify({ reason: 'security suite' }),
  });
  await expectRefused(
    'revoked account, right secret',
    await grant(harness.account.clientId, harness.clientSecret),
    'the service account is revoked',
  );

  await sleep(3_500);
  await expectRefused(
    'expired account, right secret',
    await grant(expiring.account.clientId, expiring.clientSecret),
    'the service account has expired',
  );

  return {
    check: 'service-account credentials',
    target: 'gateway, client-credentials grant and /api/auth/service-accounts',
    tried,
    violations,
    detail: { liveTokenLifetimeSeconds: live?.expires_in },
  };
}
