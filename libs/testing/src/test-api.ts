import {
  type ApiClients,
  createApiClients,
  type ErrorBody,
  type IntakePaths,
  type PurchaseOptionPaths,
  type ResultsPaths,
  type ServiceName,
  type TestRunPaths,
} from '@rackeval/api-client';
import type { Client, Middleware } from 'openapi-fetch';
import type { ApiAnswer } from './http-answers';

type PathsOf = { intake: IntakePaths; 'test-run': TestRunPaths; results: ResultsPaths; 'purchase-option': PurchaseOptionPaths };
type Method = 'get' | 'post' | 'put';

/** `/v1/racks/{serial}` → `/v1/racks/${string}`: the concrete paths a template stands for. */
type Concrete<Template extends string> = Template extends `${infer Head}{${string}}${infer Tail}`
  ? `${Head}${string}${Concrete<Tail>}`
  : Template;
type WithMethod<Paths, M extends Method> = { [P in keyof Paths]: Paths[P] extends { [K in M]: unknown } ? P : never }[keyof Paths] & string;
type SuccessBody<Operation> = Operation extends { responses: infer Responses }
  ? {
      [Status in keyof Responses]: Status extends 200 | 201 | 202
        ? Responses[Status] extends { content: { 'application/json': infer Body } }
          ? Body
          : never
        : never;
    }[keyof Responses]
  : unknown;

/** A service's path as the gateway exposes it, e.g. `/purchase-option/v1/options/${string}`. */
export type ServicePath<M extends Method> = { [S in ServiceName]: `/${S}${Concrete<WithMethod<PathsOf[S], M>>}` }[ServiceName];
/** The success body the contract declares for `method path` (every template the path matches). */
export type ServiceBody<M extends Method, Path extends string> = {
  [S in ServiceName]: Path extends `/${S}${infer Rest}`
    ? {
        [P in WithMethod<PathsOf[S], M>]: Rest extends Concrete<P> ? SuccessBody<PathsOf[S][P][M & keyof PathsOf[S][P]]> : never;
      }[WithMethod<PathsOf[S], M>]
    : never;
}[ServiceName];

/**
 * One signed-in user: the four services' generated clients (`intake`, `testRun`, `results`,
 * `purchaseOption`, with templated paths and typed parameters), and for set-up steps the same
 * clients by concrete path (`get('/intake/v1/racks/RK-1')`), whose answers are typed from the contract.
 */
export interface UserApi extends ApiClients {
  get<P extends ServicePath<'get'>>(path: P): Promise<ApiAnswer<ServiceBody<'get', P>>>;
  post<P extends ServicePath<'post'>>(
    path: P,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<ApiAnswer<ServiceBody<'post', P>>>;
  put<P extends ServicePath<'put'>>(path: P, body: unknown): Promise<ApiAnswer<ServiceBody<'put', P>>>;
}

/** openapi-fetch's result as the test helpers read it: status, success body, and the one error shape. */
export async function answer<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<ApiAnswer<T>> {
  const { data, error, response } = await call;
  return { status: response.status, body: data as T, error: error as ErrorBody | undefined };
}

export interface TestApiOptions {
  /** The fetch the clients send with (e.g. one backed by a keep-alive pool); the global one by default. */
  fetch?: (request: Request) => Promise<Response>;
  /** Middleware added to every client after the bearer token (e.g. to count requests). */
  middleware?: Middleware[];
}

/** How a test signs users in: TestTokens' issuer, or the gateway's own sign-in with the seeded password. */
export type SignIn = { token(username: string): Promise<string> } | { gateway: string; password?: string };

/**
 * The public HTTP API as tests, the bench and harnesses call it, through the clients generated from
 * the services' OpenAPI documents: `TestApi.direct(system, tokens)` calls each service on its own
 * port; `TestApi.viaGateway(url, signIn)` calls `/api/<service>` on the gateway.
 */
export class TestApi {
  private readonly users = new Map<string, UserApi>();
  private readonly tokens = new Map<string, Promise<string>>();

  constructor(
    private readonly baseUrl: (service: ServiceName) => string,
    private readonly signIn: SignIn,
    private readonly options: TestApiOptions = {},
  ) {}

  static direct(system: { url(service: ServiceName): string }, signIn: SignIn, options?: TestApiOptions): TestApi {
    return new TestApi((service) => system.url(service), signIn, options);
  }

  static viaGateway(gatewayUrl: string, signIn: SignIn, options?: TestApiOptions): TestApi {
    return new TestApi((service) => `${gatewayUrl}/api/${service}`, signIn, options);
  }

  /** A bearer token for a seeded user (ines, tariq, tess, fiona, farid, ada, vic), signed in once. */
  token(username: string): Promise<string> {
    let token = this.tokens.get(username);
    if (!token) {
      token = 'gateway' in this.signIn ? this.gatewaySignIn(this.signIn, username) : this.signIn.token(username);
      this.tokens.set(username, token);
      token.catch(() => this.tokens.delete(username));
    }
    return token;
  }

  as(username: string): UserApi {
    const known = this.users.get(username);
    if (known) return known;
    const bearer: Middleware = {
      onRequest: async ({ request }) => {
        request.headers.set('authorization', `Bearer ${await this.token(username)}`);
        return request;
      },
    };
    const clients = createApiClients(this.baseUrl, this.options.fetch ? { fetch: this.options.fetch } : {});
    for (const client of Object.values(clients)) client.use(bearer, ...(this.options.middleware ?? []));
    const byService: Record<ServiceName, ApiClients[keyof ApiClients]> = {
      intake: clients.intake,
      'test-run': clients.testRun,
      results: clients.results,
      'purchase-option': clients.purchaseOption,
    };
    const byPath = async (method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown, headers?: Record<string, string>) => {
      const [, service, rest] = /^\/([a-z-]+)(\/.*)$/.exec(path) ?? [];
      const client = byService[service as ServiceName] as unknown as Client<Record<string, Record<string, unknown>>> | undefined;
      if (!client) throw new Error(`${path}: not a service path (/<service>/v1/…)`);
      const init = { ...(body === undefined ? {} : { body }), ...(headers ? { headers } : {}) } as never;
      return answer(
        method === 'GET'
          ? client.GET(rest as never, init)
          : method === 'POST'
            ? client.POST(rest as never, init)
            : client.PUT(rest as never, init),
      );
    };
    const user: UserApi = {
      ...clients,
      get: (path) => byPath('GET', path) as never,
      post: (path, body = {}, headers) => byPath('POST', path, body, headers) as never,
      put: (path, body) => byPath('PUT', path, body) as never,
    };
    this.users.set(username, user);
    return user;
  }

  private async gatewaySignIn(
    { gateway, password = 'rackeval' }: { gateway: string; password?: string },
    username: string,
  ): Promise<string> {
    const send = this.options.fetch ?? fetch;
    const response = await send(
      new Request(`${gateway}/api/auth/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password }),
      }),
    );
    const text = await response.text();
    if (response.status !== 200) throw new Error(`sign in as ${username} at the gateway: expected 200, got ${response.status} ${text}`);
    return (JSON.parse(text) as { accessToken: string }).accessToken;
  }
}
