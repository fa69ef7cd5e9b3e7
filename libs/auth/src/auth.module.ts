import { DynamicModule, Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AuthGuard } from './auth.guard';
import { AUTH_SETTINGS, AuthSettings, validateAuthSettings } from './auth.settings';
import { TokenVerifier } from './token-verifier';

/** Makes every HTTP route of the application require a valid token (see `@Public`, `@Roles`). */
@Global()
@Module({})
export class AuthModule {
  static forRoot(settings: AuthSettings): DynamicModule {
    validateAuthSettings(settings);
    return {
      module: AuthModule,
      providers: [{ provide: AUTH_SETTINGS, useValue: settings }, TokenVerifier, { provide: APP_GUARD, useClass: AuthGuard }],
      exports: [AUTH_SETTINGS, TokenVerifier],
    };
  }
}
