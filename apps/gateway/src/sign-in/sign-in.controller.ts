import { Body, Controller, Get, Header, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiTags, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import { AllowRoleless, type AuthenticatedUser, CurrentUser, Public } from '@rackeval/auth';
import type { Request, Response } from 'express';
import { GatewayConfig } from '../config';
import { GATEWAY_CONFIG } from '../gateway.tokens';
import { consoleAuthConfig, type ConsoleAuthConfig } from './console-auth-config';
import { ConsoleAuthConfigView } from './dto/console-auth-config.view';
import { SignInDto } from './dto/sign-in.dto';
import { SignInService, SignInThrottledException } from './sign-in.service';

@ApiTags('sign-in')
@Controller('api/auth')
export class SignInController {
  private readonly consoleConfig: ConsoleAuthConfig;

  constructor(
    private readonly signIn: SignInService,
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
  async token(@Body() dto: SignInDto, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    try {
      return await this.signIn.signIn(dto.username, dto.password, request.ip ?? request.socket.remoteAddress ?? 'unknown');
    } catch (error) {
      if (error instanceof SignInThrottledException) response.setHeader('retry-after', String(error.retryAfterSeconds));
      throw error;
    }
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
