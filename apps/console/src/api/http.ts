import { loadSession } from '../auth/session-store';
import { ApiError, NetworkError, parseErrorBody } from './api-error';

type Query = Record<string, string | number | boolean | undefined | null>;

/** Listeners told when the gateway refuses the token (expired or revoked): the app signs out. */
const unauthorisedListeners = new Set<() => void>();
export function onUnauthorised(listener: () => void): () => void {
  unauthorisedListeners.add(listener);
  return () => unauthorisedListeners.delete(listener);
}

export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

export function authHeader(): Record<string, string> {
  const session = loadSession();
  return session ? { authorization: `Bearer ${session.accessToken}` } : {};
}

export interface RequestOptions {
  query?: Query;
  body?: unknown;
  /** Sent as is (CSV, NDJSON) with this content type instead of JSON. */
  raw?: { text: string; contentType: string };
  headers?: Record<string, string>;
}

/** One request through the gateway; JSON in and out, errors as ApiError. */
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
    if (response.status === 401) unauthorisedListeners.forEach((listener) => listener());
    throw new ApiError(response.status, parseErrorBody(text));
  }
  return (text ? JSON.parse(text) : undefined) as T;
}

export const get = <T>(path: string, query?: Query) => request<T>('GET', path, { query });
export const post = <T>(path: string, body?: unknown, headers?: Record<string, string>) => request<T>('POST', path, { body, headers });
export const put = <T>(path: string, body: unknown) => request<T>('PUT', path, { body });
