import { createInterface } from 'node:readline';
import { Settings, readConfigFile, writeConfigFile } from '../config';
import { CliError, EXIT, serverRefusal, ServerError } from '../exit-codes';
import { Output } from '../output';

export interface LoginOptions {
  username?: string;
  passwordStdin?: boolean;
  clientId?: string;
  clientSecret?: string;
}

interface IssuedToken {
  accessToken: string;
  expiresIn: number;
  username: string;
  roles: string[];
}

/**
 * Signs in against the gateway's `POST /api/auth/token` with a user name and password and keeps
 * the token in the config file (0600). Service accounts (`--client-id/--client-secret`, the
 * client-credentials grant) are not issued by the gateway yet: those flags are refused plainly.
 */
export async function login(settings: Settings, options: LoginOptions, out: Output): Promise<void> {
  if (options.clientId || options.clientSecret) {
    throw new CliError(
      'service-account sign-in (--client-id/--client-secret) is not available yet: the gateway does not issue client-credentials tokens. Sign in with --username, or pass a token with --token / RACKEVAL_TOKEN',
      EXIT.USAGE,
    );
  }
  const username = options.username ?? process.env.RACKEVAL_USERNAME ?? settings.username ?? (await prompt('username: '));
  const password = options.passwordStdin ? await readAll(process.stdin) : (process.env.RACKEVAL_PASSWORD ?? (await prompt('password: ', true)));
  if (!username || !password) throw new CliError('a username and a password are needed (--username, --password-stdin or RACKEVAL_PASSWORD)', EXIT.USAGE);
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
  writeConfigFile(settings.configFile, { ...stored, url: settings.url, username: body.username, token: body.accessToken, tokenExpiresAt });
  out.result({ username: body.username, roles: body.roles, expiresAt: tokenExpiresAt, configFile: settings.configFile }, () =>
    `signed in to ${settings.url} as ${body.username} (${body.roles.join(', ')}); token valid until ${tokenExpiresAt}, kept in ${settings.configFile}`,
  );
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
