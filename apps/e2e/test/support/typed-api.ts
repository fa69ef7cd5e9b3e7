import { TestTokens } from '@rackeval/auth/testing';
import { type ApiClients, createApiClients, type ErrorBody, type Middleware } from '@rackeval/api-client';
import { ApiAnswer, RackevalSystem } from '@rackeval/testing';

/** A typed answer: the success body, or the one error shape in `error`. */
export interface TypedAnswer<T> extends ApiAnswer<T> {
  error?: ErrorBody;
}

/** openapi-fetch's result as the shared test helpers read it (expectStatus, eventually). */
export async function answer<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<TypedAnswer<T>> {
  const { data, error, response } = await call;
  return { status: response.status, body: data as T, error: error as ErrorBody | undefined };
}

/**
 * The four services through the client generated from their OpenAPI documents, signed in as one
 * user per call site: `(await typed.as('ines')).intake.GET('/v1/racks/{serial}', …)`.
 */
export class TypedApi {
  private readonly clients = new Map<string, ApiClients>();

  constructor(
    private readonly system: RackevalSystem,
    private readonly issuer: TestTokens,
  ) {}

  as(username: string): ApiClients {
    const known = this.clients.get(username);
    if (known) return known;
    const issuer = this.issuer;
    let token: Promise<string> | undefined;
    const bearer: Middleware = {
      async onRequest({ request }) {
        request.headers.set('authorization', `Bearer ${await (token ??= issuer.token(username))}`);
        return request;
      },
    };
    const clients = createApiClients((service) => this.system.url(service));
    for (const client of Object.values(clients)) client.use(bearer);
    this.clients.set(username, clients);
    return clients;
  }
}
