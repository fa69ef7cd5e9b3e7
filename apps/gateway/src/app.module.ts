import { DynamicModule, Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { AuthModule } from '@rackeval/auth';
import { authSettings, MetricsController } from '@rackeval/platform';
import path from 'node:path';
import { GatewayConfig } from './config';
import { GATEWAY_CONFIG } from './gateway.tokens';
import { GatewayHealthController } from './health/gateway-health.controller';
import { LiveEventsController } from './live-events/live-events.controller';
import { LiveEventsService } from './live-events/live-events.service';
import { LiveRunRelay } from './live-events/live-run-relay';
import { ProxyController } from './proxy/proxy.controller';
import { ServiceProxy } from './proxy/service-proxy';
import { ServiceAccountsController } from './service-accounts/service-accounts.controller';
import { ServiceAccountsService } from './service-accounts/service-accounts.service';
import { SignInController } from './sign-in/sign-in.controller';
import { SignInService } from './sign-in/sign-in.service';

@Module({})
export class AppModule {
  static register(config: GatewayConfig): DynamicModule {
    const auth = {
      ...authSettings(config),
      localPublicKeyFile: path.join(config.AUTH_LOCAL_KEY_DIR, 'local-issuer.public.jwk.json'),
      maxTokenAgeSeconds: config.AUTH_MAX_TOKEN_AGE_SECONDS,
    };
    return {
      module: AppModule,
      imports: [TerminusModule, AuthModule.forRoot(auth)],
      // Sign-in and live events before the catch-all proxy, so /api/auth and /api/events are not forwarded.
      // /metrics: the gateway's request latency per route (from the shared request middleware) and its process.
      controllers: [
        SignInController,
        ServiceAccountsController,
        LiveEventsController,
        GatewayHealthController,
        MetricsController,
        ProxyController,
      ],
      providers: [
        { provide: GATEWAY_CONFIG, useValue: config },
        SignInService,
        ServiceAccountsService,
        ServiceProxy,
        LiveEventsService,
        LiveRunRelay,
      ],
    };
  }
}
