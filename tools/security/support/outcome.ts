/** One broken promise, with what it takes to see it again. */
export interface Violation {
  what: string;
  reproduce: string;
}

/** What one check tried and what broke; `skipped` says why it could not run (never counted as a pass). */
export interface CheckOutcome {
  check: string;
  target: string;
  tried: number;
  violations: Violation[];
  skipped?: string;
  /** Extra rows for the report, e.g. the per-service matrix. */
  detail?: unknown;
}

export function verdict(outcome: CheckOutcome): 'pass' | 'FAIL' | 'SKIPPED' {
  if (outcome.violations.length) return 'FAIL';
  return outcome.skipped ? 'SKIPPED' : 'pass';
}

/** A curl line for a request, the token shown as $TOKEN_<who> so a report never holds one. */
export function curl(method: string, url: string, who: string | undefined, body?: string, contentType = 'application/json'): string {
  const auth = who ? ` -H "authorization: Bearer $TOKEN_${who.replace(/[^A-Za-z0-9]/g, '_').toUpperCase()}"` : '';
  const data = body === undefined ? '' : ` -H 'content-type: ${contentType}' --data-raw '${body.replace(/'/g, `'\\''`).slice(0, 2000)}'`;
  return `curl -sS -X ${method} '${url}'${auth}${data}`;
}
