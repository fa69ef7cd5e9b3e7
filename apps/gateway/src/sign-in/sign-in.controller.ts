import { Body, Controller, Get, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiTags, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import { AllowRoleless, type AuthenticatedUser, CurrentUser, Public } from '@rackeval/auth';
import type { Request, Response } from 'express';
import { SignInDto } from './dto/sign-in.dto';
import { SignInService, SignInThrottledException } from './sign-in.service';

@ApiTags('sign-in')
@Controller('api/auth')
export class SignInController {
  constructor(private readonly signIn: SignInService) {}

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
