import { Body, Controller, Get, Header, HttpCode, Inject, Post, Req, Res, UseFilters } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiTags, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import { RequestValidationError } from '@rackeval/platform';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { AllowRoleless, type AuthenticatedUser, CurrentUser, Public } from '@rackeval/auth';
import type { Request, Response } from 'express';
import { GatewayConfig } from '../config';
import { GATEWAY_CONFIG } from '../gateway.tokens';
import { consoleAuthConfig, type ConsoleAuthConfig } from './console-auth-config';
import { ConsoleAuthConfigView } from './dto/console-auth-config.view';
import { SignInDto } from './dto/sign-in.dto';
import { clientCredentialsOf, OAuthTokenError, OAuthTokenErrorFilter } from '../service-accounts/client-credentials';
import { ServiceAccountsService } from '../service-accounts/service-accounts.service';
import { SignInService, SignInThrottledException } from './sign-in.service';

/** The password sign-in body, checked as the validation pipe would (the grant decides the body's shape). */
async function validatedSignIn(body: unknown): Promise<SignInDto> {
  const dto = plainToInstance(SignInDto, body ?? {});
  const errors = await validate(dto, { whitelist: true, forbidNonWhitelisted: true });
  if (errors.length)
    throw new RequestValidationError(
      errors.map((error) => ({ field: error.property, message: Object.values(error.constraints ?? {}).join('; ') })),
    );
  return dto;
}

@ApiTags('sign-in')
@Controller('api/auth')
export class SignInController {
  private readonly consoleConfig: ConsoleAuthConfig;

  constructor(
    private readonly signIn: SignInService,
    private readonly accounts: ServiceAccountsService,
    @Inject(GATEWAY_CONFIG) config: GatewayConfig,
  ) {
    this.consoleConfig = consoleAuthConfig(config);
  }

  /** How the console signs in (local form or the OIDC provider), read when it loads. */
  @Public()
  @Get('config')
  @Header('cache-control', 'no-store')
  @ApiOkResponse({ type: ConsoleAuthConfigView })
  config(): ConsoleAuthConfig {
    return this.consoleConfig;
  }

  @Public()
  @Post('token')
  @HttpCode(200)
  @ApiTooManyRequestsResponse({ description: 'too many failed sign-ins for this user name or from this address; see Retry-After' })
  @UseFilters(OAuthTokenErrorFilter)
  @ApiBody({
    type: SignInDto,
    description:
      'a user name and password; or grant_type=client_credentials (form-encoded or JSON, client by body or HTTP Basic) for a service account',
  })
  async token(@Body() body: Record<string, unknown>, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    const address = request.ip ?? request.socket.remoteAddress ?? 'unknown';
    try {
      if (body?.['grant_type'] !== undefined || /^basic /i.test(request.headers.authorization ?? '')) {
        response.setHeader('cache-control', 'no-store');
        return await this.clientCredentials(body ?? {}, request, address);
      }
      const dto = await validatedSignIn(body);
      return await this.signIn.signIn(dto.username, dto.password, address);
    } catch (error) {
      if (error instanceof SignInThrottledException) response.setHeader('retry-after', String(error.retryAfterSeconds));
      throw error;
    }
  }

  private async clientCredentials(body: Record<string, unknown>, request: Request, address: string) {
    const grant = body['grant_type'];
    if (grant !== 'client_credentials') {
      throw new OAuthTokenError(
        400,
        grant === undefined ? 'invalid_request' : 'unsupported_grant_type',
        grant === undefined ? 'grant_type is required' : 'only grant_type=client_credentials is supported here',
      );
    }
    if (!this.accounts.available)
      throw new OAuthTokenError(
        400,
        'unsupported_grant_type',
        'service accounts are not configured on this gateway (GATEWAY_DATABASE_URL; in oidc mode use the identity provider)',
      );
    const credentials = clientCredentialsOf(request, body);
    return this.signIn.clientCredentials(credentials, address, this.accounts);
  }

  @Public()
  @Get('jwks.json')
  jwks() {
    return this.signIn.jwks();
  }

  /** Who the token says the caller is; the one route a token without a role may call. */
  @AllowRoleless()
  @Get('me')
  me(@CurrentUser() user: AuthenticatedUser) {
    return { username: user.username, subject: user.subject, issuer: user.issuer, actorId: user.actorId, roles: user.roles };
  }
}
