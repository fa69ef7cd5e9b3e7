import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { type AuthenticatedUser, CurrentUser, Public } from '@rackeval/auth';
import { SignInDto } from './dto/sign-in.dto';
import { SignInService } from './sign-in.service';

@ApiTags('sign-in')
@Controller('api/auth')
export class SignInController {
  constructor(private readonly signIn: SignInService) {}

  @Public()
  @Post('token')
  @HttpCode(200)
  token(@Body() dto: SignInDto) {
    return this.signIn.signIn(dto.username, dto.password);
  }

  @Public()
  @Get('jwks.json')
  jwks() {
    return this.signIn.jwks();
  }

  @Get('me')
  me(@CurrentUser() user: AuthenticatedUser) {
    return { username: user.username, roles: user.roles };
  }
}
