// The public HTTP API through the gateway, as the demo's signed-in users see it: the four services'
// clients generated from their OpenAPI documents (@rackeval/api-client), so paths, parameters and
// bodies are checked against the contract.
import { type ApiClients, createApiClients, type ErrorBody, type Page, viaGateway } from '@rackeval/api-client';

export type User = 'ines' | 'tariq' | 'tess' | 'fiona' | 'farid' | 'ada' | 'vic';

/** One answer: the status, the typed success body, and on refusal the one error shape in `error`. */
export interface Answer<T = unknown> {
  status: number;
  body: T;
  error?: ErrorBody;
}

export class NotRunningError extends Error {}

/** openapi-fetch's result as the demo's helpers read it. */
export async function answer<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<Answer<T>> {
  const { data, error, response } = await call;
  return { status: response.status, body: data as T, error: error as ErrorBody | undefined };
}

/** The error code of a refused call (the one error shape), or '' for any other answer. */
export function errorCode(answer: { error?: Partial<ErrorBody> }): string {
  return typeof answer.error?.code === 'string' ? answer.error.code : '';
}

export class DemoApi {
  private readonly clients = new Map<User, ApiClients>();
  private readonly tokens = new Map<User, Promise<string>>();
  calls = 0;

  constructor(readonly baseUrl: string) {}

  /** Fails with NotRunningError when the gateway does not answer. */
  async ping(): Promise<void> {
    try {
      const answer = await fetch(`${this.baseUrl}/health`, { signal: AbortSignal.timeout(5_000) });
      if (answer.status >= 500) throw new NotRunningError(`the gateway at ${this.baseUrl} answers ${answer.status} on /health`);
    } catch (error) {
      if (error instanceof NotRunningError) throw error;
      throw new NotRunningError(`nothing answers at ${this.baseUrl} (${(error as Error).message})`);
    }
  }

  /** The four services through the gateway (`/api/<service>`), signed in as `user`. */
  as(user: User): ApiClients {
    let clients = this.clients.get(user);
    if (!clients) {
      const fetchAs = async (request: Request) => {
        const signed = new Request(request, { headers: new Headers(request.headers) });
        signed.headers.set('authorization', `Bearer ${await this.token(user)}`);
        return this.send(signed);
      };
      clients = createApiClients(viaGateway(this.baseUrl), { fetch: fetchAs });
      this.clients.set(user, clients);
    }
    return clients;
  }

  private token(user: User): Promise<string> {
    let token = this.tokens.get(user);
    if (!token) {
      token = this.signIn(user);
      this.tokens.set(user, token);
      token.catch(() => this.tokens.delete(user));
    }
    return token;
  }

  private async signIn(username: User): Promise<string> {
    const request = new Request(`${this.baseUrl}/api/auth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: process.env.RACKEVAL_PASSWORD ?? 'rackeval' }),
    });
    const response = await this.send(request);
    const text = await response.text();
    if (response.status !== 200) throw new Error(`sign in as ${username}: expected 200, got ${response.status} ${text}`);
    return (JSON.parse(text) as { accessToken: string }).accessToken;
  }

  /** Sends one request; a gateway that cannot reach a service for a moment (502, or no answer) is tried again. */
  private async send(request: Request): Promise<Response> {
    this.calls++;
    const what = `${request.method} ${new URL(request.url).pathname}`;
    for (let attempt = 1; ; attempt++) {
      try {
        const response = await fetch(request.clone());
        if (response.status === 502 && attempt < 5) {
          await response.body?.cancel();
          await sleep(500 * attempt);
          continue;
        }
        return response;
      } catch (error) {
        if (attempt >= 3) throw new NotRunningError(`${what}: ${(error as Error).message}`);
        await sleep(500 * attempt);
      }
    }
  }
}

/** The body when the status is the expected one; otherwise an error that names the step and the answer. */
export function expectStatus<T>(answer: Answer<T>, status: number | number[], step: string): T {
  const expected = Array.isArray(status) ? status : [status];
  if (!expected.includes(answer.status)) {
    throw new Error(`${step}: expected ${expected.join(' or ')}, got ${answer.status} ${JSON.stringify(answer.error ?? answer.body)}`);
  }
  return answer.body;
}

/**
 * Repeats a call while another service has not yet learnt, from the events, what it needs
 * (the rack released, the run started, the verdict reached).
 */
export async function eventually<T>(
  step: string,
  attempt: () => Promise<Answer<T>>,
  done: (answer: Answer<T>) => boolean,
  timeoutMs = 60_000,
): Promise<Answer<T>> {
  const deadline = Date.now() + timeoutMs;
  let last: Answer<T> | undefined;
  let pause = 100;
  while (Date.now() < deadline) {
    last = await attempt();
    if (done(last)) return last;
    await sleep(pause);
    pause = Math.min(pause * 1.5, 400);
  }
  throw new Error(
    `${step}: not done after ${timeoutMs / 1000} s; last answer ${last?.status} ${JSON.stringify(last?.error ?? last?.body)}`,
  );
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Every item of a cursor-paginated list: `page(cursor)` asks for one page of 500. */
export async function listAll<T>(
  step: string,
  page: (query: { limit: number; cursor?: string }) => Promise<Answer<Page<T>>>,
): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  do {
    const body = expectStatus(await page({ limit: 500, ...(cursor ? { cursor } : {}) }), 200, step);
    items.push(...body.items);
    cursor = body.nextCursor ?? undefined;
  } while (cursor);
  return items;
}
