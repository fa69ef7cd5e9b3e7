import { TestTokens } from '@rackeval/auth';
import { eventually as retryUntil, RackevalSystem, ServiceName } from '@rackeval/testing';

export interface Answer<T = unknown> {
  status: number;
  body: T;
}

type Json = Record<string, unknown>;

/** The public HTTP API as users and harnesses call it: bearer token, JSON in and out. */
export class Api {
  private readonly tokens = new Map<string, string>();

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

/** Retries while another service has not yet learnt, from events, what the call needs (bench pace: short polls). */
export const eventually = <T>(step: string, attempt: () => Promise<Answer<T>>, status: number, intervalMs = 50): Promise<T> =>
  retryUntil(step, attempt, status, { timeoutMs: 60_000, intervalMs });
