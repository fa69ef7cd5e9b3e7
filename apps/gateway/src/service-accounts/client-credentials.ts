import { ArgumentsHost, Catch, ExceptionFilter } from '@nestjs/common';
import type { IssuedToken } from '@rackeval/auth';
import type { Request, Response } from 'express';
import { ClientAuthenticationError } from './service-accounts.service';

/** RFC 6749 §5.2 error codes the client-credentials grant answers with. */
export type OAuthErrorCode = 'invalid_request' | 'invalid_client' | 'unsupported_grant_type' | 'invalid_scope' | 'temporarily_unavailable';

/** A token-endpoint refusal in RFC 6749 §5.2 shape (`{ error, error_description }`), not the services' error shape. */
export class OAuthTokenError extends Error {
  constructor(
    readonly status: number,
    readonly error: OAuthErrorCode,
    readonly description: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(description);
  }
}

/** Writes `OAuthTokenError`s as RFC 6749 §5.2 bodies with `Cache-Control: no-store`; anything else goes to the shared filter. */
@Catch(OAuthTokenError)
export class OAuthTokenErrorFilter implements ExceptionFilter {
  catch(exception: OAuthTokenError, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    response.status(exception.status).set({ 'cache-control': 'no-store', pragma: 'no-cache', ...exception.headers });
    response.json({ error: exception.error, error_description: exception.description });
  }
}

export interface ClientCredentials {
  clientId: string;
  clientSecret: string;
  /** Whether they came in an Authorization: Basic header (a refusal then asks for it again, RFC 6749 §5.2). */
  basic: boolean;
}

/**
 * The client's credentials from HTTP Basic (RFC 6749 §2.3.1: both parts form-urlencoded) or the
 * body (`client_id`, `client_secret`); using both at once is refused.
 */
export function clientCredentialsOf(request: Request, body: Record<string, unknown>): ClientCredentials {
  const header = request.headers.authorization;
  const inBody = body['client_id'] !== undefined || body['client_secret'] !== undefined;
  if (header && /^basic /i.test(header)) {
    if (inBody)
      throw new OAuthTokenError(
        400,
        'invalid_request',
        'client credentials were given both in the Authorization header and in the body; use one',
      );
    const decoded = Buffer.from(header.slice(6).trim(), 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) throw invalidClient('the Basic credentials must be client_id:client_secret', true);
    const decode = (part: string) => {
      try {
        return decodeURIComponent(part.replace(/\+/g, ' '));
      } catch {
        throw invalidClient('the Basic credentials are not form-urlencoded', true);
      }
    };
    return { clientId: decode(decoded.slice(0, colon)), clientSecret: decode(decoded.slice(colon + 1)), basic: true };
  }
  const clientId = body['client_id'];
  const clientSecret = body['client_secret'];
  if (typeof clientId !== 'string' || clientId === '')
    throw new OAuthTokenError(400, 'invalid_request', 'client_id is required (in the body or by HTTP Basic)');
  if (typeof clientSecret !== 'string' || clientSecret === '')
    throw new OAuthTokenError(400, 'invalid_request', 'client_secret is required (in the body or by HTTP Basic)');
  if (clientId.length > 200 || clientSecret.length > 500) throw invalidClient('unknown client or wrong secret', false);
  return { clientId, clientSecret, basic: false };
}

export function invalidClient(description: string, basic: boolean): OAuthTokenError {
  return new OAuthTokenError(
    401,
    'invalid_client',
    description,
    basic ? { 'www-authenticate': 'Basic realm="rackeval", charset="UTF-8"' } : {},
  );
}

/** What a refused client is told: revoked and expired accounts are named (the secret was right), guesses are not. */
export function refusalOf(error: ClientAuthenticationError, basic: boolean): OAuthTokenError {
  switch (error.reason) {
    case 'revoked':
      return invalidClient('the service account is revoked', basic);
    case 'expired':
      return invalidClient('the service account has expired', basic);
    default:
      return invalidClient('unknown client or wrong secret', basic);
  }
}

/** The RFC 6749 §5.1 answer, with the gateway's camelCase names beside it for existing clients. */
export function tokenResponse(issued: IssuedToken, scope: string) {
  return {
    access_token: issued.accessToken,
    token_type: 'Bearer',
    expires_in: issued.expiresIn,
    scope,
    accessToken: issued.accessToken,
    tokenType: issued.tokenType,
    expiresIn: issued.expiresIn,
    username: issued.username,
    roles: issued.roles,
  };
}
