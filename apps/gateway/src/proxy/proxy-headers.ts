import type { IncomingHttpHeaders, OutgoingHttpHeaders } from 'node:http';

/** The caller's headers a service may see; everything else (cookies, hop-by-hop, forwarding headers) stays here. */
const REQUEST_HEADERS = [
  'accept',
  'accept-language',
  'authorization',
  'content-type',
  'content-length',
  'idempotency-key',
  'if-match',
  'if-none-match',
  'if-modified-since',
  'if-unmodified-since',
  // RFC 7240 `wait=<seconds>`: a step may wait server-side for the event it depends on (at most 30 s, below UPSTREAM_TIMEOUT_MS).
  'prefer',
  'x-correlation-id',
];

/** A service's response headers the caller may see; the gateway sets its own security headers. */
const RESPONSE_HEADERS = [
  'cache-control',
  'content-disposition',
  'content-encoding',
  'content-language',
  'content-length',
  'content-type',
  'etag',
  'expires',
  'idempotent-replayed',
  'last-modified',
  'location',
  'preference-applied',
  'retry-after',
  'vary',
  'x-correlation-id',
];

export function forwardedRequestHeaders(headers: IncomingHttpHeaders): OutgoingHttpHeaders {
  return pick(headers, REQUEST_HEADERS);
}

export function forwardedResponseHeaders(headers: IncomingHttpHeaders): OutgoingHttpHeaders {
  return pick(headers, RESPONSE_HEADERS);
}

function pick(headers: IncomingHttpHeaders, names: readonly string[]): OutgoingHttpHeaders {
  const kept: OutgoingHttpHeaders = {};
  for (const name of names) {
    const value = headers[name];
    if (value !== undefined) kept[name] = value;
  }
  return kept;
}

/** Whether the request carries a body, in either framing. */
export function hasBody(headers: IncomingHttpHeaders): boolean {
  return headers['transfer-encoding'] !== undefined || (headers['content-length'] !== undefined && headers['content-length'] !== '0');
}
