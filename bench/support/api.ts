import { TestTokens } from '@rackeval/auth/testing';
import { eventually as retryUntil, PollOptions, RackevalSystem, ServiceName } from '@rackeval/testing';

export interface Answer<T = unknown> {
  status: number;
  body: T;
}

type Json = Record<string, unknown>;

/** The public HTTP API as users and harnesses call it: bearer token, JSON in and out. */
export class Api {
  private readonly tokens = new Map<string, string>();
  /** Requests made, by `service method status`: what a scenario cost in calls, polls and retries included. */
  readonly requests = new Map<string, number>();

  constructor(
    readonly system: RackevalSystem,
    private readonly issuer: TestTokens,
  ) {}

  async token(username: string): Promise<string> {
    let token = this.tokens.get(username);
    if (!token) {
      token = await this.issuer.token(username);
      this.tokens.set(username, token);
    }
    return token;
  }

  async call<T = Json>(username: string, method: string, service: ServiceName, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer<T>> {
    const raw = typeof body === 'string';
    const response = await fetch(`${this.system.url(service)}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${await this.token(username)}`,
        ...(body === undefined ? {} : { 'content-type': raw ? 'application/x-ndjson' : 'application/json' }),
        ...headers,
      },
      body: body === undefined ? undefined : raw ? body : JSON.stringify(body),
    });
    const text = await response.text();
    const key = `${service} ${method} ${path.replace(/\/v1\/([a-z-]+)\/[^/?]+/, '/v1/$1/:id').replace(/\?.*/, '')} ${response.status}`;
    this.requests.set(key, (this.requests.get(key) ?? 0) + 1);
    return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T };
  }

  get<T = Json>(username: string, service: ServiceName, path: string) {
    return this.call<T>(username, 'GET', service, path);
  }

  post<T = Json>(username: string, service: ServiceName, path: string, body: unknown = {}) {
    return this.call<T>(username, 'POST', service, path, body);
  }

  put<T = Json>(username: string, service: ServiceName, path: string, body: unknown) {
    return this.call<T>(username, 'PUT', service, path, body);
  }
}

export { expectStatus as expect } from '@rackeval/testing';

/** A steady 50 ms: for one thing at a time, where the wait itself is measured. */
export const PROMPT: PollOptions = { intervalMs: 50 };
/**
 * How a client with many racks in flight waits for another service to learn something: soon at
 * first, then less and less often (50 ms growing by half up to 1 s), so that waiting clients do not
 * take the CPU the services need to catch up.
 */
export const PATIENT: PollOptions = { intervalMs: 50, backoff: 1.5, maxIntervalMs: 1_000 };

/** Retries while another service has not yet learnt, from events, what the call needs. */
export const eventually = <T>(step: string, attempt: () => Promise<Answer<T>>, status: number, pace: PollOptions = PROMPT): Promise<T> =>
  retryUntil(step, attempt, status, { timeoutMs: 60_000, ...pace });
