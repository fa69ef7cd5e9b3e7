import { CanActivate, ExecutionContext, ForbiddenException, Injectable, Logger, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthenticatedRequest, AuthenticatedUser } from './authenticated-user';
import { InvalidTokenError } from './auth.errors';
import { ALLOW_ROLELESS } from './decorators/allow-roleless.decorator';
import { IS_PUBLIC } from './decorators/public.decorator';
import { REQUIRED_ROLES } from './decorators/roles.decorator';
import { Role } from './roles';
import { TokenVerifier } from './token-verifier';

const BEARER = /^Bearer +([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*)$/i;

/**
 * Every HTTP route requires a valid token unless marked `@Public()`; a token must carry a role
 * this system knows (except on `@AllowRoleless()` routes); `@Roles` narrows who may call.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly logger = new Logger('Auth');

  constructor(
    private readonly reflector: Reflector,
    private readonly verifier: TokenVerifier,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    // Kafka handlers run for events, not for users; their producers were authorised already.
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;

    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const token = bearerToken(request);
    if (!token) throw new UnauthorizedException('a bearer token is required');
    const user = await this.verifier.verify(token).catch((error: unknown) => {
      if (error instanceof InvalidTokenError) throw new UnauthorizedException(error.message);
      throw error;
    });
    // Set before the role checks so a refused call is still logged with who made it.
    request.user = user;
    request.actor = user.username;

    if (!user.roles.length && !this.reflector.getAllAndOverride<boolean>(ALLOW_ROLELESS, targets)) {
      this.refuse(request, user, 'the token carries no role of this system');
    }
    const required = this.reflector.getAllAndOverride<Role[] | undefined>(REQUIRED_ROLES, targets);
    if (required?.length && !required.some((role) => user.roles.includes(role))) {
      this.refuse(request, user, `requires one of the roles: ${required.join(', ')}`);
    }
    return true;
  }

  // One line per refusal naming who and which route; never the token or the query string.
  private refuse(request: AuthenticatedRequest, user: AuthenticatedUser, reason: string): never {
    this.logger.warn({
      message: 'forbidden',
      actor: user.username,
      actorId: user.actorId,
      roles: user.roles,
      method: request.method,
      route: typeof request.route?.path === 'string' ? request.route.path : undefined,
      path: request.path,
      reason,
    });
    throw new ForbiddenException(reason);
  }
}

function bearerToken(request: AuthenticatedRequest): string | undefined {
  const header = request.headers?.authorization;
  return typeof header === 'string' ? BEARER.exec(header.trim())?.[1] : undefined;
}
