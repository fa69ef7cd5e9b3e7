/** A fetch stand-in that answers by "METHOD path" and records every call, for component tests. */
export interface StubCall {
  method: string;
  url: string;
  body: unknown;
  headers: Record<string, string>;
}

type Answer = { status?: number; body?: unknown } | ((call: StubCall) => { status?: number; body?: unknown });

export function stubFetch(routes: Record<string, Answer>): StubCall[] {
  const calls: StubCall[] = [];
  global.fetch = jest.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const call = input instanceof Request ? await callOfRequest(input) : callOf(String(input), init);
    calls.push(call);
    const url = call.url;
    const method = call.method;
    const path = url.split('?')[0];
    const answer = routes[`${method} ${path}`] ?? routes[`${method} ${url}`];
    const resolved = typeof answer === 'function' ? answer(call) : answer;
    const status = resolved?.status ?? (resolved ? 200 : 404);
    const body = resolved
      ? resolved.body
      : { statusCode: 404, error: 'Not Found', code: 'NOT_FOUND', message: `no stub for ${method} ${url}`, details: [] };
    const text = body === undefined ? '' : JSON.stringify(body);
    return {
      ok: status >= 200 && status < 300,
      status,
      headers: new Headers(
        text ? { 'content-type': 'application/json', 'content-length': String(text.length) } : { 'content-length': '0' },
      ),
      text: async () => text,
      json: async () => JSON.parse(text),
      blob: async () => new Blob([text]),
    } as Response;
  }) as typeof fetch;
  return calls;
}

function callOf(url: string, init?: RequestInit): StubCall {
  return { method: init?.method ?? 'GET', url, body: readBody(init?.body), headers: (init?.headers ?? {}) as Record<string, string> };
}

/** The generated client sends a Request on the page's origin; calls are recorded by path, as the plain ones. */
async function callOfRequest(request: Request): Promise<StubCall> {
  const url = new URL(request.url);
  const text = await request.text();
  return {
    method: request.method,
    url: `${url.pathname}${url.search}`,
    body: text ? readBody(text) : undefined,
    headers: Object.fromEntries(request.headers),
  };
}

/** JSON bodies come back parsed; CSV and other text stay as sent. */
function readBody(body: unknown): unknown {
  if (body === undefined || body === null) return undefined;
  try {
    return JSON.parse(String(body));
  } catch {
    return String(body);
  }
}
