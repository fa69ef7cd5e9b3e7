import type { RequestHandler } from 'express';
import helmet, { HelmetOptions } from 'helmet';

// The built console loads only its own scripts, styles and assets and talks only to this origin
// (fetch and EventSource). React sets inline styles through the CSSOM, which CSP allows.
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

const options = (styleSrc: string[]): HelmetOptions => ({
  contentSecurityPolicy: { useDefaults: false, directives: { ...CONSOLE_POLICY, styleSrc } },
  strictTransportSecurity: { maxAge: 365 * 24 * 3600, includeSubDomains: true },
  frameguard: { action: 'deny' },
  referrerPolicy: { policy: 'no-referrer' },
  xPoweredBy: false,
});

/**
 * Security headers on every gateway answer (the console, `/api/*`, proxied answers): CSP,
 * HSTS, nosniff, no framing, no referrer. Swagger UI at `/docs` needs its inline styles.
 */
export function securityHeaders(): RequestHandler {
  const strict = helmet(options(["'self'"]));
  const docs = helmet(options(["'self'", "'unsafe-inline'"]));
  return (request, response, next) => (request.path === '/docs' || request.path.startsWith('/docs/') ? docs : strict)(request, response, next);
}
