import { createInterface } from 'node:readline';
import type { IssuedToken } from '@rackeval/auth/vocabulary';
import { Settings, readConfigFile, writeConfigFile } from '../config';
import { CliError, EXIT, serverRefusal, ServerError } from '../exit-codes';
import { Output } from '../output';
import { ClientCredentials, TokenSource } from '../client-credentials';

export interface LoginOptions {
  username?: string;
  passwordStdin?: boolean;
  clientId?: string;
  clientSecret?: string;
  clientSecretStdin?: boolean;
}

/**
 * Signs in against the gateway's `POST /api/auth/token` with a user name and password, or as a
 * service account with `--client-id/--client-secret` (the client-credentials grant; at the identity
 * provider in oidc mode), and keeps the token in the config file (0600). A service account's id and
 * secret are kept there too, so later commands obtain a new token when one expires.
 */
export async function login(settings: Settings, options: LoginOptions, out: Output): Promise<void> {
  const clientId = options.clientId ?? process.env.RACKEVAL_CLIENT_ID;
  const clientSecret = options.clientSecretStdin
    ? await readAll(process.stdin)
    : (options.clientSecret ?? process.env.RACKEVAL_CLIENT_SECRET);
  if (clientId || clientSecret || options.clientSecretStdin) {
    if (options.username) throw new CliError('--username and --client-id are two ways to sign in: give one', EXIT.USAGE);
    if (!clientId || !clientSecret)
      throw new CliError(
        'a service account needs both a client id (--client-id or RACKEVAL_CLIENT_ID) and a secret (--client-secret, --client-secret-stdin or RACKEVAL_CLIENT_SECRET)',
        EXIT.USAGE,
      );
    return loginAsServiceAccount(settings, { clientId, clientSecret }, out);
  }
  const username = options.username ?? process.env.RACKEVAL_USERNAME ?? settings.username ?? (await prompt('username: '));
  const password = options.passwordStdin
    ? await readAll(process.stdin)
    : (process.env.RACKEVAL_PASSWORD ?? (await prompt('password: ', true)));
  if (!username || !password)
    throw new CliError('a username and a password are needed (--username, --password-stdin or RACKEVAL_PASSWORD)', EXIT.USAGE);
  let response: Response;
  try {
    response = await fetch(`${settings.url}/api/auth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'rackeval-cli' },
      body: JSON.stringify({ username, password }),
    });
  } catch (error) {
    throw new CliError(`sign-in: the gateway at ${settings.url} did not answer (${(error as Error).message})`, EXIT.UNAVAILABLE);
  }
  const body = (await response.json().catch(() => undefined)) as (IssuedToken & ServerError) | undefined;
  if (!response.ok || !body?.accessToken) throw serverRefusal(response.status, body, 'sign-in');
  const tokenExpiresAt = new Date(Date.now() + body.expiresIn * 1000).toISOString();
  const stored = readConfigFile(settings.configFile);
  writeConfigFile(settings.configFile, {
    ...stored,
    url: settings.url,
    username: body.username,
    token: body.accessToken,
    tokenExpiresAt,
    clientId: undefined,
    clientSecret: undefined,
  });
  out.result(
    { username: body.username, roles: body.roles, expiresAt: tokenExpiresAt, configFile: settings.configFile },
    () =>
      `signed in to ${settings.url} as ${body.username} (${body.roles.join(', ')}); token valid until ${tokenExpiresAt}, kept in ${settings.configFile}`,
  );
}

async function loginAsServiceAccount(settings: Settings, credentials: ClientCredentials, out: Output): Promise<void> {
  const tokens = new TokenSource({ gatewayUrl: settings.url, credentials });
  const obtained = await tokens.renew();
  const claims = decodeClaims(obtained.accessToken);
  const name = typeof claims['preferred_username'] === 'string' ? claims['preferred_username'] : credentials.clientId;
  const roles = Array.isArray(claims['roles']) ? (claims['roles'] as string[]) : [];
  const tokenExpiresAt = new Date(obtained.expiresAt).toISOString();
  const stored = readConfigFile(settings.configFile);
  writeConfigFile(settings.configFile, {
    ...stored,
    url: settings.url,
    username: name,
    token: obtained.accessToken,
    tokenExpiresAt,
    clientId: credentials.clientId,
    clientSecret: credentials.clientSecret,
  });
  out.result(
    { username: name, clientId: credentials.clientId, roles, expiresAt: tokenExpiresAt, configFile: settings.configFile },
    () =>
      `signed in to ${settings.url} as service account ${name}${roles.length ? ` (${roles.join(', ')})` : ''}; tokens last ${obtained.lifetimeSeconds} s and are renewed as needed; client id and secret kept in ${settings.configFile}`,
  );
}

/** The token's claims, for display only (the server verifies it). */
function decodeClaims(token: string): Record<string, unknown> {
  try {
    return JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
  } catch {
    return {};
  }
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  let text = '';
  for await (const chunk of stream) text += chunk.toString();
  return text.replace(/\r?\n$/, '');
}

function prompt(question: string, hidden = false): Promise<string> {
  if (!process.stdin.isTTY) return Promise.resolve('');
  return new Promise((resolve) => {
    const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
    if (hidden) {
      // Echo nothing of what is typed for the password.
      (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = (s: string) => {
        if (s.startsWith(question)) process.stderr.write(question);
      };
    }
    rl.question(question, (answer) => {
      rl.close();
      if (hidden) process.stderr.write('\n');
      resolve(answer.trim());
    });
  });
}
