import type { RequestHandler } from 'express';
import helmet, { HelmetOptions } from 'helmet';

// The built console loads only its own scripts, styles and assets and talks only to this origin
// (fetch and EventSource), and in oidc mode to its provider (discovery, token, revocation). React sets inline styles through the CSSOM, which CSP allows.
const CONSOLE_POLICY = {
  defaultSrc: ["'self'"],
  baseUri: ["'self'"],
  connectSrc: ["'self'"],
  fontSrc: ["'self'", 'data:'],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
  imgSrc: ["'self'", 'data:'],
  objectSrc: ["'none'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  // Helmet's default would send a local http:// console's requests to https://.
  upgradeInsecureRequests: null,
};

const options = (styleSrc: string[], connectSrc: string[]): HelmetOptions => ({
  contentSecurityPolicy: {
    useDefaults: false,
    directives: { ...CONSOLE_POLICY, styleSrc, connectSrc: [...CONSOLE_POLICY.connectSrc, ...connectSrc] },
  },
  strictTransportSecurity: { maxAge: 365 * 24 * 3600, includeSubDomains: true },
  frameguard: { action: 'deny' },
  referrerPolicy: { policy: 'no-referrer' },
  xPoweredBy: false,
});

/**
 * Security headers on every gateway answer (the console, `/api/*`, proxied answers): CSP,
 * HSTS, nosniff, no framing, no referrer. Swagger UI at `/docs` needs its inline styles.
 * `oidcIssuer`: the console's provider, whose origin the console may fetch from.
 */
export function securityHeaders(oidcIssuer?: string): RequestHandler {
  const connect = oidcIssuer ? [new URL(oidcIssuer).origin] : [];
  const strict = helmet(options(["'self'"], connect));
  const docs = helmet(options(["'self'", "'unsafe-inline'"], connect));
  return (request, response, next) =>
    (request.path === '/docs' || request.path.startsWith('/docs/') ? docs : strict)(request, response, next);
}
