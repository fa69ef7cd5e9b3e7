import { ExecutionContext, ForbiddenException, HttpException, Logger, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthenticatedRequest } from './authenticated-user';
import { AuthGuard } from './auth.guard';
import { AllowRoleless } from './decorators/allow-roleless.decorator';
import { Public } from './decorators/public.decorator';
import { Roles } from './decorators/roles.decorator';
import { TestTokens } from './testing/test-tokens';
import { TokenVerifier } from './token-verifier';

@Roles('admin', 'finance')
class TermsController {
  @Public()
  health(): void {}

  update(): void {}

  @Roles('viewer')
  list(): void {}
}

class ProfileController {
  @AllowRoleless()
  me(): void {}

  settings(): void {}
}

@Public()
class DocsController {
  show(): void {}
}

type Handler = keyof TermsController | keyof DocsController | keyof ProfileController;

function httpContext(controller: new () => object, handler: Handler, request: AuthenticatedRequest): ExecutionContext {
  const method = (controller.prototype as Record<string, () => void>)[handler];
  return {
    getType: () => 'http',
    getClass: () => controller,
    getHandler: () => method,
    switchToHttp: () => ({ getRequest: () => request }),
  } as unknown as ExecutionContext;
}

const requestWith = (authorization?: string): AuthenticatedRequest => ({
  headers: authorization ? { authorization } : {},
  method: 'PUT',
  route: { path: '/v1/terms/:generation' },
  path: '/v1/terms/G1',
});

async function failureOf(promise: Promise<unknown>): Promise<HttpException> {
  return promise.then(
    () => {
      throw new Error('expected the guard to refuse');
    },
    (error: HttpException) => error,
  );
}

describe('AuthGuard', () => {
  let tokens: TestTokens;
  let sut: AuthGuard;

  beforeAll(async () => {
    tokens = await TestTokens.create();
    sut = new AuthGuard(new Reflector(), new TokenVerifier(tokens.settings()));
  });
  afterAll(() => tokens.dispose());

  it('lets a public route through without a token', async () => {
    expect(await sut.canActivate(httpContext(TermsController, 'health', requestWith()))).toBe(true);
  });

  it('treats every route of a public controller as public', async () => {
    expect(await sut.canActivate(httpContext(DocsController, 'show', requestWith()))).toBe(true);
  });

  it('lets Kafka handlers through: they are not user requests', async () => {
    const context = { ...httpContext(TermsController, 'update', requestWith()), getType: () => 'rpc' } as ExecutionContext;

    expect(await sut.canActivate(context)).toBe(true);
  });

  it.each([
    ['no Authorization header', undefined],
    ['another scheme', 'Basic YWRhOnJhY2tldmFs'],
    ['Bearer without a token', 'Bearer '],
    ['a bearer value that is not a JWT', 'Bearer opaque-token'],
  ])('answers 401 asking for a bearer token when given %s', async (_name, authorization) => {
    const error = await failureOf(sut.canActivate(httpContext(TermsController, 'update', requestWith(authorization))));

    expect(error).toBeInstanceOf(UnauthorizedException);
    expect(error.message).toBe('a bearer token is required');
  });

  it('answers 401 with the reason for an invalid token', async () => {
    const expired = await tokens.tokenWith({ expiresAt: Math.floor(Date.now() / 1000) - 5 });

    const error = await failureOf(sut.canActivate(httpContext(TermsController, 'update', requestWith(`Bearer ${expired}`))));

    expect(error).toBeInstanceOf(UnauthorizedException);
    expect(error.message).toBe('invalid token: expired');
  });

  it('answers 403 naming the required roles when the user has none of them', async () => {
    const request = requestWith(`Bearer ${await tokens.token('vic')}`);

    const error = await failureOf(sut.canActivate(httpContext(TermsController, 'update', request)));

    expect(error).toBeInstanceOf(ForbiddenException);
    expect(error.message).toBe('requires one of the roles: admin, finance');
    expect(request.actor).toBe('vic');
  });

  it('answers 403 to a valid token with no known role, even on a route any role may call', async () => {
    const token = await tokens.tokenWith({ username: 'nobody', roles: ['root'] });

    const error = await failureOf(sut.canActivate(httpContext(ProfileController, 'settings', requestWith(`Bearer ${token}`))));

    expect(error).toBeInstanceOf(ForbiddenException);
    expect(error.message).toBe('the token carries no role of this system');
  });

  it('admits a token with no known role where the route allows it', async () => {
    const request = requestWith(`Bearer ${await tokens.tokenWith({ username: 'nobody', roles: [] })}`);

    expect(await sut.canActivate(httpContext(ProfileController, 'me', request))).toBe(true);
    expect(request.user).toMatchObject({ username: 'nobody', roles: [], actorId: 'rackeval-local|nobody' });
  });

  it('logs a refusal with the actor and the route, never the token', async () => {
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const token = await tokens.token('vic');
    try {
      await failureOf(sut.canActivate(httpContext(TermsController, 'update', requestWith(`Bearer ${token}`))));

      expect(warn).toHaveBeenCalledTimes(1);
      const line = warn.mock.calls[0][0] as Record<string, unknown>;
      expect(line).toMatchObject({
        message: 'forbidden',
        actor: 'vic',
        actorId: 'rackeval-local|vic',
        method: 'PUT',
        route: '/v1/terms/:generation',
      });
      expect(JSON.stringify(warn.mock.calls)).not.toContain(token.split('.')[2]);
    } finally {
      warn.mockRestore();
    }
  });

  it('admits a user holding one of the roles and puts the user on the request', async () => {
    const request = requestWith(`Bearer ${await tokens.token('farid')}`);

    expect(await sut.canActivate(httpContext(TermsController, 'update', request))).toBe(true);
    expect(request.user).toMatchObject({ username: 'farid', roles: ['finance'] });
    expect(request.actor).toBe('farid');
  });

  it('lets roles on the handler replace those on the class', async () => {
    const viewer = requestWith(`Bearer ${await tokens.token('vic')}`);
    const admin = requestWith(`Bearer ${await tokens.token('ada')}`);

    expect(await sut.canActivate(httpContext(TermsController, 'list', viewer))).toBe(true);
    const error = await failureOf(sut.canActivate(httpContext(TermsController, 'list', admin)));
    expect(error.message).toBe('requires one of the roles: viewer');
  });

  it('accepts the scheme in any case', async () => {
    const request = requestWith(`bearer ${await tokens.token('vic')}`);

    expect(await sut.canActivate(httpContext(TermsController, 'list', request))).toBe(true);
  });
});
