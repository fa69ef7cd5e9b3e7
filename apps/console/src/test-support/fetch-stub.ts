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
    const url = String(input);
    const method = init?.method ?? 'GET';
    const call: StubCall = { method, url, body: readBody(init?.body), headers: (init?.headers ?? {}) as Record<string, string> };
    calls.push(call);
    const path = url.split('?')[0];
    const answer = routes[`${method} ${path}`] ?? routes[`${method} ${url}`];
    const resolved = typeof answer === 'function' ? answer(call) : answer;
    const status = resolved?.status ?? (resolved ? 200 : 404);
    const body = resolved ? resolved.body : { statusCode: 404, error: 'Not Found', code: 'NOT_FOUND', message: `no stub for ${method} ${url}`, details: [] };
    return {
      ok: status >= 200 && status < 300,
      status,
      text: async () => (body === undefined ? '' : JSON.stringify(body)),
      blob: async () => new Blob([JSON.stringify(body)]),
    } as Response;
  }) as typeof fetch;
  return calls;
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
