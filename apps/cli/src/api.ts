import type { ResultsPaths, TestRunPaths } from '@rackeval/api-client';
import createClient, { type Client, type Middleware } from 'openapi-fetch';
import { TokenSource } from './client-credentials';
import { Settings } from './config';
import { CliError, EXIT, serverRefusal, ServerError } from './exit-codes';

export interface Api {
  testRun: Client<TestRunPaths>;
  results: Client<ResultsPaths>;
  settings: Settings;
  tokens: TokenSource;
}

/** The generated clients of test-run and results, through the gateway (`/api/<service>`), with the bearer token. */
export function connect(settings: Settings, now = Date.now()): Api {
  const credentials =
    settings.clientId && settings.clientSecret ? { clientId: settings.clientId, clientSecret: settings.clientSecret } : undefined;
  if (!credentials) {
    if (!settings.token)
      throw new CliError(
        'not signed in: run `rackeval login` (or set RACKEVAL_TOKEN, or RACKEVAL_CLIENT_ID and RACKEVAL_CLIENT_SECRET)',
        EXIT.AUTH,
      );
    if (settings.tokenExpiresAt && Date.parse(settings.tokenExpiresAt) <= now) {
      throw new CliError(`the stored token expired at ${settings.tokenExpiresAt}: run \`rackeval login\` again`, EXIT.AUTH);
    }
  }
  // A service account's token is obtained again before it expires, so a long push or tail carries on.
  const tokens = new TokenSource({ gatewayUrl: settings.url, token: settings.token, tokenExpiresAt: settings.tokenExpiresAt, credentials });
  const bearer: Middleware = {
    onRequest: async ({ request }) => {
      request.headers.set('authorization', `Bearer ${await tokens.token()}`);
      request.headers.set('user-agent', 'rackeval-cli');
      return request;
    },
  };
  const testRun = createClient<TestRunPaths>({ baseUrl: `${settings.url}/api/test-run` });
  const results = createClient<ResultsPaths>({ baseUrl: `${settings.url}/api/results` });
  testRun.use(bearer);
  results.use(bearer);
  return { testRun, results, settings, tokens };
}

export interface RetryOptions {
  /** Attempts in all (first included). */
  attempts: number;
  /** Called before each wait, to say why. */
  onRetry?: (why: string, waitMs: number, attempt: number) => void;
  signal?: AbortSignal;
}

type Answer<T> = { data?: T; error?: unknown; response: Response };

const TRANSIENT = new Set([429, 502, 503, 504]);

/**
 * Sends a request the server applies at most once (GET, or a POST with an Idempotency-Key or an
 * offset) until it is answered: network failures, 429 and 502-504 are retried with backoff; any
 * other answer is returned. Returns the success body or throws the server's refusal.
 */
export async function call<T>(
  what: string,
  send: () => Promise<Answer<T>>,
  options: RetryOptions,
): Promise<{ data: T; status: number; response: Response }> {
  let last = '';
  for (let attempt = 1; attempt <= options.attempts; attempt++) {
    if (options.signal?.aborted) throw new CliError(`${what}: interrupted`, EXIT.INTERRUPTED);
    let answer: Answer<T> | undefined;
    try {
      answer = await send();
    } catch (error) {
      if (options.signal?.aborted) throw new CliError(`${what}: interrupted`, EXIT.INTERRUPTED);
      // Refused service-account credentials (from the token middleware) are final, not a network failure.
      if (error instanceof CliError) throw error;
      last = describeNetworkError(error);
    }
    if (answer) {
      const { response } = answer;
      if (response.ok) return { data: answer.data as T, status: response.status, response };
      if (!TRANSIENT.has(response.status) && response.status < 500) throw serverRefusal(response.status, answer.error as ServerError, what);
      last = `${response.status} ${(answer.error as ServerError | undefined)?.message ?? response.statusText}`;
      if (!TRANSIENT.has(response.status) && response.status !== 500)
        throw serverRefusal(response.status, answer.error as ServerError, what);
    }
    if (attempt === options.attempts) break;
    const retryAfter = Number(answer?.response.headers.get('retry-after'));
    const waitMs = Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : Math.min(250 * 2 ** (attempt - 1), 5_000);
    options.onRetry?.(`${what}: ${last}`, waitMs, attempt);
    await sleep(waitMs, options.signal);
  }
  throw new CliError(`${what}: no answer after ${options.attempts} attempts (${last})`, EXIT.UNAVAILABLE);
}

function describeNetworkError(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (error as Error).message ?? String(error);
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}
