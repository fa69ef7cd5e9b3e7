import type { TestTokens } from '@rackeval/auth/testing';
import type { Middleware } from '@rackeval/api-client';
import {
  type ApiAnswer,
  eventually as retryUntil,
  PollOptions,
  RackevalSystem,
  SERVICES,
  ServiceName,
  type ServicePath,
  TestApi,
  type UserApi,
} from '@rackeval/testing';
import { Agent, type Dispatcher } from 'undici';

export type Answer<T = unknown> = ApiAnswer<T>;

/** Statuses whose responses carry no body (a Response built with one throws). */
const NULL_BODY = new Set([101, 204, 205, 304]);

/**
 * A `fetch` for the generated clients that sends through undici's keep-alive connection pool
 * (`Agent.request`), not the global fetch: the bench client spends far less CPU per request, so the
 * services, not the client, are what the figures measure.
 */
export function pooledFetch(options: Agent.Options = {}): { fetch: (request: Request) => Promise<Response>; close: () => Promise<void> } {
  const agent = new Agent({ keepAliveTimeout: 30_000, connections: 64, ...options });
  const send = async (request: Request): Promise<Response> => {
    const url = new URL(request.url);
    const headers: Record<string, string> = {};
    request.headers.forEach((value, name) => (headers[name] = value));
    const body = request.body ? Buffer.from(await request.arrayBuffer()) : undefined;
    const answer = await agent.request({
      origin: url.origin,
      path: `${url.pathname}${url.search}`,
      method: request.method as Dispatcher.HttpMethod,
      headers,
      body,
    });
    const responseHeaders = new Headers();
    for (const [name, value] of Object.entries(answer.headers)) {
      if (Array.isArray(value)) value.forEach((one) => responseHeaders.append(name, one));
      else if (value !== undefined) responseHeaders.set(name, value);
    }
    const content = await answer.body.arrayBuffer();
    return new Response(NULL_BODY.has(answer.statusCode) ? null : content, { status: answer.statusCode, headers: responseHeaders });
  };
  return { fetch: send, close: () => agent.close() };
}

/**
 * The public HTTP API as the bench's users call it: the services' clients generated from their
 * OpenAPI documents (`api.as('tariq').testRun.POST('/v1/runs/{id}/start', …)`), each service
 * called directly, over undici's keep-alive pool; every request counted.
 */
export class Api {
  /** Requests made, by `service METHOD /template status`: what a scenario cost in calls, polls and retries included. */
  readonly requests = new Map<string, number>();
  private readonly pool = pooledFetch();
  private readonly client: TestApi;

  constructor(
    readonly system: RackevalSystem,
    tokens: TestTokens,
  ) {
    const services = new Map(SERVICES.map((service) => [new URL(system.url(service)).origin, service]));
    const count: Middleware = {
      onResponse: ({ request, response, schemaPath }) => {
        const key = `${services.get(new URL(request.url).origin)} ${request.method} ${schemaPath.replace(/\?.*/, '')} ${response.status}`;
        this.requests.set(key, (this.requests.get(key) ?? 0) + 1);
      },
    };
    this.client = TestApi.direct(system, tokens, { fetch: this.pool.fetch, middleware: [count] });
  }

  /** The four services' typed clients, signed in as a seeded user. */
  as(username: string): UserApi {
    return this.client.as(username);
  }

  token(username: string): Promise<string> {
    return this.client.token(username);
  }

  /** A read given as service and concrete path (with its query), as the table-driven fleet reads list them. */
  get(username: string, service: ServiceName, path: string): Promise<Answer<Record<string, unknown>>> {
    return this.as(username).get(`/${service}${path}` as ServicePath<'get'>) as Promise<Answer<Record<string, unknown>>>;
  }

  /** The same pooled fetch, for requests the generated client does not shape (a pre-serialised body, /health). */
  get fetch(): (request: Request) => Promise<Response> {
    return this.pool.fetch;
  }

  close(): Promise<void> {
    return this.pool.close();
  }
}

export { answer, expectStatus as expect } from '@rackeval/testing';

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
