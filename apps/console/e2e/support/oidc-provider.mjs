// A real OpenID Provider (node-oidc-provider, OpenID Certified) on loopback for the console's browser
// tests: the seeded users with their roles in `realm_access.roles` (as Keycloak puts realm roles),
// one public client with PKCE, JWT access tokens for the rackeval API, refresh tokens for silent
// renewal, RP-initiated logout. Test use only: keys are made at start and users live in memory.
//
// Environment: OIDC_PORT, OIDC_CONSOLE_ORIGIN, OIDC_CLIENT_ID, OIDC_AUDIENCE, OIDC_ACCESS_TOKEN_TTL
// (seconds), OIDC_USERS (JSON [{username, roles}]), OIDC_PASSWORD. Prints `ready <issuer>` when listening.
import { generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import Provider from 'oidc-provider';

const env = (name) => {
  const value = process.env[name];
  if (!value) throw new Error(`oidc-provider: ${name} is required`);
  return value;
};
const port = Number(env('OIDC_PORT'));
const issuer = `http://127.0.0.1:${port}`;
const consoleOrigin = env('OIDC_CONSOLE_ORIGIN');
const clientId = env('OIDC_CLIENT_ID');
const audience = env('OIDC_AUDIENCE');
const accessTokenTtl = Number(env('OIDC_ACCESS_TOKEN_TTL'));
const password = env('OIDC_PASSWORD');
const users = new Map(JSON.parse(env('OIDC_USERS')).map((user) => [user.username, user]));

const signingKey = {
  ...generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'jwk' }),
  kid: randomUUID(),
  alg: 'ES256',
  use: 'sig',
};

const claimsOf = (username) => ({ preferred_username: username, name: username, realm_access: { roles: users.get(username).roles } });

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: clientId,
      application_type: 'web',
      token_endpoint_auth_method: 'none',
      id_token_signed_response_alg: 'ES256',
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      redirect_uris: [`${consoleOrigin}/auth/callback`],
      post_logout_redirect_uris: [`${consoleOrigin}/`],
    },
  ],
  jwks: { keys: [signingKey] },
  cookies: { keys: [randomBytes(32).toString('hex')] },
  pkce: { required: () => true },
  claims: { openid: ['sub'], profile: ['preferred_username', 'name', 'realm_access'] },
  // The ID token carries the profile claims (roles included), as Keycloak's does.
  conformIdTokenClaims: false,
  findAccount: (_ctx, id) => (users.has(id) ? { accountId: id, claims: () => ({ sub: id, ...claimsOf(id) }) } : undefined),
  // Access tokens carry the user's name and roles for the services (AUTH_ROLES_CLAIM=realm_access.roles).
  extraTokenClaims: (_ctx, token) => (token.kind === 'AccessToken' && users.has(token.accountId) ? claimsOf(token.accountId) : undefined),
  // A single-page app gets a refresh token (bound to the provider session) to renew silently.
  issueRefreshToken: (_ctx, client) => client.grantTypeAllowed('refresh_token'),
  clientBasedCORS: (_ctx, origin, client) => client.redirectUris.some((uri) => new URL(uri).origin === origin),
  ttl: { AccessToken: accessTokenTtl, IdToken: 3600, Session: 3600, Grant: 3600, Interaction: 600, RefreshToken: 3600 },
  features: {
    devInteractions: { enabled: false },
    revocation: { enabled: true },
    rpInitiatedLogout: { enabled: true },
    resourceIndicators: {
      enabled: true,
      defaultResource: () => audience,
      useGrantedResource: () => true,
      getResourceServerInfo: () => ({
        scope: 'api',
        audience,
        accessTokenTTL: accessTokenTtl,
        accessTokenFormat: 'jwt',
        jwt: { sign: { alg: 'ES256' } },
      }),
    },
  },
  // The console is first-party: no consent screen, the grant covers what it asks for.
  loadExistingGrant: async (ctx) => {
    const grantId = ctx.oidc.result?.consent?.grantId ?? ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
    if (grantId) return ctx.oidc.provider.Grant.find(grantId);
    const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
    grant.addOIDCScope('openid profile');
    grant.addResourceScope(audience, 'api');
    await grant.save();
    return grant;
  },
  interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
});

const escape = (text) => String(text).replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

function loginPage(uid, error = '', login = '') {
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Identity provider sign-in</title></head><body>
<main><h1>Identity provider</h1><p>Sign in to continue to rackeval.</p>
${error ? `<p role="alert">${escape(error)}</p>` : ''}
<form method="post" action="/interaction/${escape(uid)}/login">
<label for="login">Username</label> <input id="login" name="login" value="${escape(login)}" autocomplete="username" required autofocus>
<label for="password">Password</label> <input id="password" name="password" type="password" autocomplete="current-password" required>
<button type="submit">Log in</button></form></main></body></html>`;
}

async function formBody(request) {
  const chunks = [];
  for await (const chunk of request) chunks.push(chunk);
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

/** The login step: checks the seeded user's password, then hands back to the provider. */
async function interaction(request, response, uid, action) {
  const details = await provider.interactionDetails(request, response);
  if (details.uid !== uid || details.prompt.name !== 'login') throw new Error(`unexpected interaction ${details.prompt.name}`);
  if (request.method === 'GET' && !action) {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(loginPage(uid));
    return;
  }
  if (request.method === 'POST' && action === 'login') {
    const form = await formBody(request);
    const username = (form.get('login') ?? '').trim();
    if (!users.has(username) || form.get('password') !== password) {
      response
        .writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' })
        .end(loginPage(uid, 'Unknown user or wrong password.', username));
      return;
    }
    await provider.interactionFinished(request, response, { login: { accountId: username } }, { mergeWithLastSubmission: false });
    return;
  }
  response.writeHead(404).end();
}

const handle = provider.callback();
const server = createServer((request, response) => {
  const match = /^\/interaction\/([\w-]+)(?:\/(\w+))?$/.exec(new URL(request.url, issuer).pathname);
  if (!match) return handle(request, response);
  interaction(request, response, match[1], match[2]).catch((error) => {
    response.writeHead(400, { 'content-type': 'text/plain' }).end(String(error.message));
  });
});
server.listen(port, '127.0.0.1', () => process.stdout.write(`ready ${issuer}\n`));
// In-memory state only: nothing to flush, and browsers hold keep-alive connections open.
for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, () => process.exit(0));
