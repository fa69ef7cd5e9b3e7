import type { NextFunction, Request, Response } from 'express';
import { securityHeaders } from './security-headers';

function cspOf(handler: ReturnType<typeof securityHeaders>, path = '/'): string {
  const headers = new Map<string, string>();
  const response = {
    setHeader: (name: string, value: string) => headers.set(name.toLowerCase(), value),
    removeHeader: () => undefined,
  } as unknown as Response;
  handler({ path, headers: {} } as Request, response, (() => undefined) as NextFunction);
  return headers.get('content-security-policy') ?? '';
}

describe('securityHeaders', () => {
  it('lets the console talk to its own origin only, in local mode', () => {
    expect(cspOf(securityHeaders())).toContain("connect-src 'self';");
  });

  it("lets the console reach its OIDC provider's origin, and nothing else new", () => {
    const csp = cspOf(securityHeaders('https://id.example/realms/rackeval'));

    expect(csp).toContain("connect-src 'self' https://id.example;");
    expect(csp).toContain("script-src 'self';");
    expect(csp).toContain("frame-ancestors 'none'");
  });
});
