// The public HTTP API through the gateway, as the demo's signed-in users see it; bodies are typed with
// the shapes of the client generated from the services' OpenAPI documents (@rackeval/api-client).
import type { ErrorBody, Page } from '@rackeval/api-client';

export type Service = 'intake' | 'test-run' | 'results' | 'purchase-option';
export type User = 'ines' | 'tariq' | 'tess' | 'fiona' | 'farid' | 'ada' | 'vic';

export interface Answer<T = unknown> {
  status: number;
  body: T;
}

export class NotRunningError extends Error {}

/** The error code of a refused call (the one error shape), or '' for any other answer. */
export function errorCode(answer: Answer): string {
  const body = answer.body as Partial<ErrorBody> | undefined;
  return typeof body?.code === 'string' ? body.code : '';
}

export class DemoApi {
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

  as(user: User) {
    const call = <T = unknown>(method: string, service: Service, path: string, body?: unknown, headers: Record<string, string> = {}) =>
      this.call<T>(user, method, `/api/${service}${path}`, body, headers);
    return {
      get: <T = unknown>(service: Service, path: string) => call<T>('GET', service, path),
      post: <T = unknown>(service: Service, path: string, body: unknown = {}, headers?: Record<string, string>) => call<T>('POST', service, path, body, headers),
      put: <T = unknown>(service: Service, path: string, body: unknown) => call<T>('PUT', service, path, body),
    };
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
    const answer = await this.raw<{ accessToken: string }>('POST', '/api/auth/token', { username, password: process.env.RACKEVAL_PASSWORD ?? 'rackeval' }, {});
    return expectStatus(answer, 200, `sign in as ${username}`).accessToken;
  }

  private async call<T>(user: User, method: string, path: string, body: unknown, headers: Record<string, string>): Promise<Answer<T>> {
    return this.raw<T>(method, path, body, { authorization: `Bearer ${await this.token(user)}`, ...headers });
  }

  private async raw<T>(method: string, path: string, body: unknown, headers: Record<string, string>): Promise<Answer<T>> {
    this.calls++;
    for (let attempt = 1; ; attempt++) {
      try {
        const response = await fetch(`${this.baseUrl}${path}`, {
          method,
          headers: { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
          body: body === undefined ? undefined : JSON.stringify(body),
        });
        const text = await response.text();
        // A gateway that cannot reach a service for a moment answers 502: worth another try.
        if (response.status === 502 && attempt < 5) {
          await sleep(500 * attempt);
          continue;
        }
        return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T };
      } catch (error) {
        if (attempt >= 3) throw new NotRunningError(`${method} ${path}: ${(error as Error).message}`);
        await sleep(500 * attempt);
      }
    }
  }
}

/** The body when the status is the expected one; otherwise an error that names the step and the answer. */
export function expectStatus<T>(answer: Answer<T>, status: number | number[], step: string): T {
  const expected = Array.isArray(status) ? status : [status];
  if (!expected.includes(answer.status)) {
    throw new Error(`${step}: expected ${expected.join(' or ')}, got ${answer.status} ${JSON.stringify(answer.body)}`);
  }
  return answer.body;
}

/**
 * Repeats a call while another service has not yet learnt, from the events, what it needs
 * (the rack released, the run started, the verdict reached).
 */
export async function eventually<T>(step: string, attempt: () => Promise<Answer<T>>, done: (answer: Answer<T>) => boolean, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: Answer<T> | undefined;
  let pause = 100;
  while (Date.now() < deadline) {
    last = await attempt();
    if (done(last)) return last.body;
    await sleep(pause);
    pause = Math.min(pause * 1.5, 400);
  }
  throw new Error(`${step}: not done after ${timeoutMs / 1000} s; last answer ${last?.status} ${JSON.stringify(last?.body)}`);
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Every item of a cursor-paginated list (`path` may carry its own filters). */
export async function listAll<T>(api: DemoApi, user: User, service: Service, path: string): Promise<T[]> {
  const items: T[] = [];
  const separator = path.includes('?') ? '&' : '?';
  let cursor: string | undefined;
  do {
    const page = `${path}${separator}limit=500${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const body = expectStatus(await api.as(user).get<Page<T>>(service, page), 200, `GET ${service}${path}`);
    items.push(...body.items);
    cursor = body.nextCursor ?? undefined;
  } while (cursor);
  return items;
}
