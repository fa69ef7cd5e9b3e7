import { CliError, EXIT } from './exit-codes';

export interface ClientCredentials {
  clientId: string;
  clientSecret: string;
}

export interface ObtainedToken {
  accessToken: string;
  /** Epoch milliseconds. */
  expiresAt: number;
  /** The lifetime the server gave, in seconds. */
  lifetimeSeconds: number;
}

interface TokenAnswer {
  access_token?: string;
  expires_in?: number;
  error?: string;
  error_description?: string;
  message?: string;
}

/**
 * Where the client-credentials grant goes: the gateway's `POST /api/auth/token` in local mode, or
 * the identity provider's token endpoint (from its discovery document) when the gateway says
 * `oidc` at `GET /api/auth/config`.
 */
export async function tokenEndpointOf(gatewayUrl: string): Promise<string> {
  const config = (await getJson(`${gatewayUrl}/api/auth/config`, 'the gateway sign-in configuration')) as {
    mode?: string;
    issuer?: string;
  };
  if (config.mode !== 'oidc') return `${gatewayUrl}/api/auth/token`;
  if (!config.issuer) throw new CliError('the gateway is in oidc mode but names no issuer', EXIT.FAILURE);
  const discovery = (await getJson(
    `${config.issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`,
    'the identity provider discovery document',
  )) as { token_endpoint?: string };
  if (!discovery.token_endpoint) throw new CliError(`the identity provider at ${config.issuer} names no token_endpoint`, EXIT.FAILURE);
  return discovery.token_endpoint;
}

/** RFC 6749 §4.4: form-encoded, the client authenticated by HTTP Basic (client_secret_basic). */
export async function requestClientCredentialsToken(
  endpoint: string,
  credentials: ClientCredentials,
  now = Date.now,
): Promise<ObtainedToken> {
  const basic = Buffer.from(`${encodeURIComponent(credentials.clientId)}:${encodeURIComponent(credentials.clientSecret)}`).toString(
    'base64',
  );
  let response: Response;
  try {
    response = await fetch(endpoint, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `Basic ${basic}`,
        accept: 'application/json',
        'user-agent': 'rackeval-cli',
      },
      body: new URLSearchParams({ grant_type: 'client_credentials' }).toString(),
    });
  } catch (error) {
    throw new CliError(`service-account sign-in: ${endpoint} did not answer (${(error as Error).message})`, EXIT.UNAVAILABLE);
  }
  const body = (await response.json().catch(() => ({}))) as TokenAnswer;
  if (!response.ok || typeof body.access_token !== 'string') {
    const why = body.error
      ? `${body.error}${body.error_description ? `: ${body.error_description}` : ''}`
      : (body.message ?? response.statusText);
    const code =
      response.status === 401 || response.status === 400 || response.status === 403
        ? EXIT.AUTH
        : response.status === 429 || response.status >= 500
          ? EXIT.UNAVAILABLE
          : EXIT.FAILURE;
    throw new CliError(`service-account sign-in refused (${response.status}): ${why}`, code);
  }
  const lifetimeSeconds = typeof body.expires_in === 'number' && body.expires_in > 0 ? body.expires_in : 300;
  return { accessToken: body.access_token, expiresAt: now() + lifetimeSeconds * 1000, lifetimeSeconds };
}

/**
 * The bearer token for each request: a given token as is, or a service account's token obtained by
 * client credentials and obtained again before it expires (when less than a fifth of its lifetime,
 * and at least 5 s, is left), so a push longer than a token's lifetime carries on.
 */
export class TokenSource {
  private current?: ObtainedToken;
  private pending?: Promise<ObtainedToken>;
  private endpoint?: string;

  constructor(
    private readonly options: {
      gatewayUrl: string;
      token?: string;
      tokenExpiresAt?: string;
      credentials?: ClientCredentials;
      /** Called with each token obtained (login keeps it in the config file). */
      onToken?: (token: ObtainedToken) => void;
      now?: () => number;
    },
  ) {
    if (options.token) {
      const expiresAt = options.tokenExpiresAt ? Date.parse(options.tokenExpiresAt) : Number.POSITIVE_INFINITY;
      this.current = {
        accessToken: options.token,
        expiresAt,
        lifetimeSeconds: Number.isFinite(expiresAt) ? Math.max(1, (expiresAt - this.now()) / 1000) : Infinity,
      };
    }
  }

  get refreshable(): boolean {
    return this.options.credentials !== undefined;
  }

  async token(): Promise<string> {
    const current = this.current;
    if (current && !this.dueForRenewal(current)) return current.accessToken;
    if (!this.options.credentials) {
      if (!current)
        throw new CliError(
          'not signed in: run `rackeval login` (or set RACKEVAL_TOKEN, or RACKEVAL_CLIENT_ID and RACKEVAL_CLIENT_SECRET)',
          EXIT.AUTH,
        );
      if (current.expiresAt > this.now()) return current.accessToken;
      throw new CliError(
        `the stored token expired at ${new Date(current.expiresAt).toISOString()}: run \`rackeval login\` again`,
        EXIT.AUTH,
      );
    }
    return (await this.renew()).accessToken;
  }

  /** Obtains a new token now (e.g. after a 401); one request at a time. */
  renew(): Promise<ObtainedToken> {
    if (!this.pending) {
      this.pending = (async () => {
        this.endpoint ??= await tokenEndpointOf(this.options.gatewayUrl);
        const obtained = await requestClientCredentialsToken(this.endpoint, this.options.credentials!, () => this.now());
        this.current = obtained;
        this.options.onToken?.(obtained);
        return obtained;
      })().finally(() => (this.pending = undefined));
    }
    return this.pending;
  }

  private dueForRenewal(token: ObtainedToken): boolean {
    if (!Number.isFinite(token.expiresAt)) return false;
    const margin = Math.max(5_000, (token.lifetimeSeconds * 1000) / 5);
    return token.expiresAt - this.now() <= margin;
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }
}

async function getJson(url: string, what: string): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(url, { headers: { accept: 'application/json', 'user-agent': 'rackeval-cli' } });
  } catch (error) {
    throw new CliError(`${what}: ${url} did not answer (${(error as Error).message})`, EXIT.UNAVAILABLE);
  }
  if (!response.ok)
    throw new CliError(`${what}: ${url} answered ${response.status}`, response.status >= 500 ? EXIT.UNAVAILABLE : EXIT.FAILURE);
  return response.json();
}
