/** Why a request cannot be forwarded: 400 for a path the gateway will not normalise, 404 for no such service. */
export class ProxyRefusal extends Error {
  constructor(
    readonly status: 400 | 404,
    message: string,
  ) {
    super(message);
    this.name = 'ProxyRefusal';
  }
}

export interface ProxyTarget {
  service: string;
  /** The path under the service, `/v1/…`, with the caller's query string as sent. */
  pathAndQuery: string;
}

// RFC 3986 pchar without '@' (userinfo) and with '%' only as part of an escape; the query may add '/' and '?'.
const SEGMENT = /^(?:[A-Za-z0-9\-._~!$&'()*+,;=:]|%[0-9A-Fa-f]{2})*$/;
const QUERY = /^(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/?]|%[0-9A-Fa-f]{2})*$/;
const CONTROL = /[\u0000-\u001f\u007f]/;
const ENCODED_SEPARATOR = /%(2f|5c)/i;
const SERVICE_NAME = /^[a-z][a-z-]{0,39}$/;

/**
 * Reads `/api/<service>/<path>?<query>` from the raw request target and returns the one path the
 * gateway forwards, or refuses. Everything that could make the upstream URL mean something else
 * is refused rather than repaired: absolute URLs, empty segments (`//`), backslashes, `@`, dot
 * segments, encoded slashes or backslashes, double encoding, control characters.
 */
export function proxyTarget(rawTarget: string, services: ReadonlyMap<string, unknown>): ProxyTarget {
  if (!rawTarget.startsWith('/')) throw new ProxyRefusal(400, 'the request target must be a path, not an absolute URL');
  const queryStart = rawTarget.indexOf('?');
  const rawPath = queryStart < 0 ? rawTarget : rawTarget.slice(0, queryStart);
  const query = queryStart < 0 ? '' : rawTarget.slice(queryStart + 1);

  const [empty, api, service, ...segments] = rawPath.split('/');
  if (empty !== '' || api !== 'api' || service === undefined) throw new ProxyRefusal(404, 'not an /api/<service>/… path');
  if (!services.has(service)) {
    const named = SERVICE_NAME.test(service) ? `named ${service}` : 'by that name';
    throw new ProxyRefusal(404, `there is no service ${named}; use ${[...services.keys()].join(', ')}`);
  }
  if (!segments.length) throw new ProxyRefusal(404, `a path under /api/${service}/ is required`);
  segments.forEach((segment, index) => checkSegment(segment, index === segments.length - 1));
  if (!QUERY.test(query)) throw new ProxyRefusal(400, 'the query string holds characters that must be percent-encoded');
  return { service, pathAndQuery: `/${segments.join('/')}${queryStart < 0 ? '' : `?${query}`}` };
}

function checkSegment(segment: string, last: boolean): void {
  // A trailing slash is harmless; an empty segment anywhere else is `//`, which URL parsers read as a host.
  if (segment === '') {
    if (last) return;
    throw new ProxyRefusal(400, 'the path must not contain empty segments (//)');
  }
  if (segment.includes('\\')) throw new ProxyRefusal(400, 'the path must not contain backslashes');
  if (segment.includes('@')) throw new ProxyRefusal(400, "the path must not contain '@'");
  if (ENCODED_SEPARATOR.test(segment)) throw new ProxyRefusal(400, 'the path must not contain encoded slashes or backslashes');
  if (!SEGMENT.test(segment)) throw new ProxyRefusal(400, 'the path holds characters that must be percent-encoded, or a malformed escape');
  let decoded: string;
  try {
    decoded = decodeURIComponent(segment);
  } catch {
    throw new ProxyRefusal(400, 'the path holds a malformed percent-encoding');
  }
  if (decoded.includes('%')) throw new ProxyRefusal(400, 'the path must not be encoded twice');
  if (CONTROL.test(decoded)) throw new ProxyRefusal(400, 'the path must not contain control characters');
  if (/[/\\@]/.test(decoded)) throw new ProxyRefusal(400, 'the path must not contain encoded separators');
  if (decoded === '.' || decoded === '..') throw new ProxyRefusal(400, 'the path must not contain dot segments');
}
