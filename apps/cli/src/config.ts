import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { CliError, EXIT } from './exit-codes';

/** What the config file holds; `login` writes the token here (mode 0600). */
export interface StoredConfig {
  url?: string;
  username?: string;
  token?: string;
  /** ISO-8601, when the stored token expires. */
  tokenExpiresAt?: string;
  /** A service account (client-credentials grant): kept by `login --client-id/--client-secret` to renew tokens. */
  clientId?: string;
  clientSecret?: string;
}

export interface GlobalOptions {
  url?: string;
  token?: string;
  config?: string;
  json?: boolean;
}

export interface Settings {
  url: string;
  token?: string;
  tokenExpiresAt?: string;
  username?: string;
  /** A service account to obtain (and renew) tokens with, when no token was given explicitly. */
  clientId?: string;
  clientSecret?: string;
  configFile: string;
  json: boolean;
}

export const DEFAULT_URL = 'http://127.0.0.1:3000';

/** `RACKEVAL_CONFIG`, else `$XDG_CONFIG_HOME/rackeval/config.json`, else `~/.config/rackeval/config.json`. */
export function configFilePath(flag?: string, env: NodeJS.ProcessEnv = process.env): string {
  if (flag) return flag;
  if (env.RACKEVAL_CONFIG) return env.RACKEVAL_CONFIG;
  return join(env.XDG_CONFIG_HOME || join(homedir(), '.config'), 'rackeval', 'config.json');
}

export function readConfigFile(path: string): StoredConfig {
  if (!existsSync(path)) return {};
  try {
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as unknown;
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not a JSON object');
    return parsed as StoredConfig;
  } catch (error) {
    throw new CliError(`config file ${path} is not valid JSON: ${(error as Error).message}`, EXIT.USAGE);
  }
}

export function writeConfigFile(path: string, config: StoredConfig): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  writeFileSync(path, `${JSON.stringify(config, null, 2)}\n`, { mode: 0o600 });
  chmodSync(path, 0o600);
}

/**
 * Flags, then environment (`RACKEVAL_URL`, `RACKEVAL_TOKEN`, `RACKEVAL_CLIENT_ID` with
 * `RACKEVAL_CLIENT_SECRET`), then the config file, then defaults. A token given by flag or
 * environment is used as is; service-account credentials from the environment replace the file's
 * (and its stored token, unless it was obtained for the same client).
 */
export function resolveSettings(options: GlobalOptions, env: NodeJS.ProcessEnv = process.env): Settings {
  const configFile = configFilePath(options.config, env);
  const stored = readConfigFile(configFile);
  const url = (options.url ?? env.RACKEVAL_URL ?? stored.url ?? DEFAULT_URL).replace(/\/+$/, '');
  if (!/^https?:\/\/[^\s/]+/.test(url)) throw new CliError(`--url must be an http(s) URL of the gateway (got ${url})`, EXIT.USAGE);
  const fromFile = !options.token && !env.RACKEVAL_TOKEN;
  if (Boolean(env.RACKEVAL_CLIENT_ID) !== Boolean(env.RACKEVAL_CLIENT_SECRET)) {
    throw new CliError('RACKEVAL_CLIENT_ID and RACKEVAL_CLIENT_SECRET go together: set both or neither', EXIT.USAGE);
  }
  const envClient = env.RACKEVAL_CLIENT_ID ? { clientId: env.RACKEVAL_CLIENT_ID, clientSecret: env.RACKEVAL_CLIENT_SECRET } : undefined;
  const client = fromFile
    ? (envClient ?? (stored.clientId && stored.clientSecret ? { clientId: stored.clientId, clientSecret: stored.clientSecret } : undefined))
    : undefined;
  const storedTokenUsable = fromFile && (!envClient || stored.clientId === envClient.clientId);
  return {
    url,
    token: options.token ?? env.RACKEVAL_TOKEN ?? (storedTokenUsable ? stored.token : undefined),
    tokenExpiresAt: storedTokenUsable ? stored.tokenExpiresAt : undefined,
    username: stored.username,
    clientId: client?.clientId,
    clientSecret: client?.clientSecret,
    configFile,
    json: options.json === true,
  };
}
