import { TestTokens } from '@rackeval/auth/testing';

/** A JSON object answer; tests read the fields they need. */
export type Body = Record<string, unknown>;

export interface ApiResponse<T = Body> {
  status: number;
  body: T;
}

/**
 * The public API through the gateway, for the set-up steps the tests do not drive through the
 * console (catalogue, delivery, inspection) and for reading state back.
 */
export class GatewayApi {
  private readonly tokens = new Map<string, string>();

  constructor(
    private readonly gatewayUrl: string,
    private readonly issuer: TestTokens,
  ) {}

  as(username: string) {
    const call = async <T = Body>(method: string, path: string, body?: unknown): Promise<ApiResponse<T>> => {
      const token = this.tokens.get(username) ?? (await this.issuer.token(username));
      this.tokens.set(username, token);
      const response = await fetch(`${this.gatewayUrl}/api${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      return { status: response.status, body: text ? JSON.parse(text) : undefined };
    };
    return {
      get: <T = Body>(path: string) => call<T>('GET', path),
      post: <T = Body>(path: string, body?: unknown) => call<T>('POST', path, body ?? {}),
      put: <T = Body>(path: string, body: unknown) => call<T>('PUT', path, body),
    };
  }
}

export { eventually, expectStatus } from '@rackeval/testing';
