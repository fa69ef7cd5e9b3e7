export interface Answer {
  status: number;
  text: string;
  headers: Headers;
  /** The body as JSON, typed by the caller (nothing is validated). */
  json<T = { [key: string]: unknown }>(): T;
}

export interface RequestOptions {
  token?: string;
  body?: string;
  contentType?: string;
  headers?: Record<string, string>;
}

/** One request; the body is read whole (nothing here streams) and never parsed unless asked. */
export async function send(method: string, url: string, options: RequestOptions = {}): Promise<Answer> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.body !== undefined) headers['content-type'] = options.contentType ?? 'application/json';
  const response = await fetch(url, { method, headers, body: options.body, signal: AbortSignal.timeout(30_000) });
  const text = await response.text();
  return { status: response.status, text, headers: response.headers, json: <T>() => (text ? JSON.parse(text) : undefined) as T };
}

/** Runs `work` over `items` with at most `width` in flight, keeping the order of results. */
export async function pool<T, R>(items: readonly T[], width: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, worker));
  return results;
}
