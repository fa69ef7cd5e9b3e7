import { ApiError, NetworkError, parseErrorBody } from './api-error';
import { authHeader, reportUnauthorised } from './credentials';

export { authHeader, onUnauthorised } from './credentials';

type Query = Record<string, string | number | boolean | undefined | null>;

export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

export interface RequestOptions {
  query?: Query;
  body?: unknown;
  /** Sent as is (CSV, NDJSON) with this content type instead of JSON. */
  raw?: { text: string; contentType: string };
  headers?: Record<string, string>;
}

/**
 * One request to the gateway's own routes (sign-in, live-events tickets), which are not part of the
 * services' OpenAPI documents; the services are called through the generated client (client.ts).
 */
export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', ...authHeader(), ...options.headers };
  let body: string | undefined;
  if (options.raw) {
    headers['content-type'] = options.raw.contentType;
    body = options.raw.text;
  } else if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  let response: Response;
  try {
    response = await fetch(withQuery(path, options.query), { method, headers, body });
  } catch (error) {
    throw new NetworkError(error);
  }
  const text = await response.text();
  if (!response.ok) {
    if (response.status === 401) reportUnauthorised();
    throw new ApiError(response.status, parseErrorBody(text));
  }
  return (text ? JSON.parse(text) : undefined) as T;
}

export const get = <T>(path: string, query?: Query) => request<T>('GET', path, { query });
export const post = <T>(path: string, body?: unknown, headers?: Record<string, string>) => request<T>('POST', path, { body, headers });
export const put = <T>(path: string, body: unknown) => request<T>('PUT', path, { body });
