import http from 'node:http';
import { AddressInfo } from 'node:net';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { call } from './api';
import { TokenSource } from './client-credentials';
import { CliError } from './exit-codes';
import { resolveSettings, writeConfigFile } from './config';

/** A stand-in gateway: local-mode config and a token endpoint counting the grants it answers. */
function fakeGateway(lifetimeSeconds: number) {
  const grants: Array<{ authorization?: string; body: string }> = [];
  const server = http.createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      response.setHeader('content-type', 'application/json');
      if (request.url === '/api/auth/config') return response.end(JSON.stringify({ mode: 'local' }));
      grants.push({ authorization: request.headers.authorization, body });
      if (request.headers.authorization !== `Basic ${Buffer.from('client-1:s%3Acret').toString('base64')}`) {
        response.statusCode = 401;
        return response.end(JSON.stringify({ error: 'invalid_client', error_description: 'unknown client or wrong secret' }));
      }
      response.end(JSON.stringify({ access_token: `token-${grants.length}`, token_type: 'Bearer', expires_in: lifetimeSeconds }));
    });
  });
  return new Promise<{ url: string; grants: typeof grants; close: () => void }>((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, grants, close: () => server.close() }),
    ),
  );
}

describe('service-account tokens in the CLI', () => {
  it('obtains a token by client credentials (form-encoded, HTTP Basic) and a new one only when the last is about to expire', async () => {
    const gateway = await fakeGateway(300);
    let now = 1_000_000;
    try {
      const source = new TokenSource({
        gatewayUrl: gateway.url,
        credentials: { clientId: 'client-1', clientSecret: 's:cret' },
        now: () => now,
      });
      expect(await source.token()).toBe('token-1');
      expect(gateway.grants[0].body).toBe('grant_type=client_credentials');
      now += 200_000; // 100 s of 300 left: still more than a fifth
      expect(await source.token()).toBe('token-1');
      now += 50_000; // 50 s left: renewed
      expect(await source.token()).toBe('token-2');
      // Requests at the same moment share one renewal.
      now += 300_000;
      expect(await Promise.all([source.token(), source.token(), source.token()])).toEqual(['token-3', 'token-3', 'token-3']);
      expect(gateway.grants).toHaveLength(3);
    } finally {
      gateway.close();
    }
  });

  it('says why the gateway refused the credentials, with the exit code for credentials refused', async () => {
    const gateway = await fakeGateway(300);
    try {
      const source = new TokenSource({ gatewayUrl: gateway.url, credentials: { clientId: 'client-1', clientSecret: 'wrong' } });
      await expect(source.token()).rejects.toMatchObject({
        exitCode: 3,
        message: 'service-account sign-in refused (401): invalid_client: unknown client or wrong secret',
      });
    } finally {
      gateway.close();
    }
  });

  it('uses a given token as is, and refuses it once expired when there is nothing to renew it with', async () => {
    const expired = new TokenSource({ gatewayUrl: 'http://127.0.0.1:1', token: 'old', tokenExpiresAt: '2020-01-01T00:00:00Z' });
    await expect(expired.token()).rejects.toMatchObject({ exitCode: 3 });
    expect(await new TokenSource({ gatewayUrl: 'http://127.0.0.1:1', token: 'given' }).token()).toBe('given');
  });

  it('takes service-account credentials from the environment before the config file, and never beside an explicit token', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'rackeval-sa-')), 'config.json');
    writeConfigFile(file, {
      token: 'stored',
      tokenExpiresAt: '2030-01-01T00:00:00Z',
      clientId: 'file-client',
      clientSecret: 'file-secret',
    });
    expect(resolveSettings({ config: file }, {})).toMatchObject({ clientId: 'file-client', clientSecret: 'file-secret', token: 'stored' });
    expect(resolveSettings({ config: file }, { RACKEVAL_CLIENT_ID: 'env-client', RACKEVAL_CLIENT_SECRET: 'env-secret' })).toMatchObject({
      clientId: 'env-client',
      clientSecret: 'env-secret',
      token: undefined,
    });
    expect(
      resolveSettings({ config: file, token: 'flag' }, { RACKEVAL_CLIENT_ID: 'env-client', RACKEVAL_CLIENT_SECRET: 'env-secret' }),
    ).toMatchObject({ token: 'flag', clientId: undefined });
    expect(() => resolveSettings({ config: file }, { RACKEVAL_CLIENT_ID: 'only-id' })).toThrow(
      'RACKEVAL_CLIENT_ID and RACKEVAL_CLIENT_SECRET go together',
    );
  });

  it('does not retry a request whose token could not be obtained (a refused secret is final, not a network failure)', async () => {
    let sends = 0;
    const refused = new CliError('service-account sign-in refused (401): invalid_client: the service account is revoked', 3);
    const sent = call(
      'runs show',
      async () => {
        sends++;
        throw refused;
      },
      { attempts: 8 },
    );
    await expect(sent).rejects.toBe(refused);
    expect(sends).toBe(1);
  });
});
