import { TestTokens } from '@rackeval/auth/testing';
import { RackevalSystem, ServiceName } from '@rackeval/testing';

export interface ApiResponse<T = any> {
  status: number;
  body: T;
}

/**
 * The public HTTP API as a user sees it: one signed-in user, one service, JSON in and out.
 * Nothing here reaches into a service's code or tables.
 */
export class Api {
  private readonly tokens = new Map<string, string>();

  constructor(
    private readonly system: RackevalSystem,
    private readonly issuer: TestTokens,
  ) {}

  as(username: string) {
    const call = async <T = any>(method: string, service: ServiceName, path: string, body?: unknown): Promise<ApiResponse<T>> => {
      const token = this.tokens.get(username) ?? (await this.issuer.token(username));
      this.tokens.set(username, token);
      const response = await fetch(`${this.system.url(service)}${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      return { status: response.status, body: text ? JSON.parse(text) : undefined };
    };
    return {
      get: <T = any>(service: ServiceName, path: string) => call<T>('GET', service, path),
      post: <T = any>(service: ServiceName, path: string, body?: unknown) => call<T>('POST', service, path, body ?? {}),
      put: <T = any>(service: ServiceName, path: string, body: unknown) => call<T>('PUT', service, path, body),
    };
  }
}

export { eventually, expectStatus } from '@rackeval/testing';
