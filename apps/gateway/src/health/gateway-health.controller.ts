import { Controller, Get, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import { Public } from '@rackeval/auth';
import { GatewayConfig } from '../config';
import { GATEWAY_CONFIG } from '../gateway.tokens';

/**
 * Readiness (`/health/ready`, and `/health` as before): 200 when every service behind the gateway
 * answers its own health check on at least one of its instances, 503 naming those that do not.
 * Liveness (`/health/live`): the gateway process itself answers; a service outage never makes it fail,
 * so an orchestrator takes the gateway out of rotation but does not restart it for someone else's fault.
 */
@ApiTags('operations')
@Controller('health')
export class GatewayHealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  @Public()
  @Get('live')
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Public()
  @Get('ready')
  @HealthCheck()
  ready() {
    return this.check();
  }

  @Public()
  @Get()
  @HealthCheck()
  check() {
    return this.health.check(
      Object.entries(this.config.upstreamInstances()).map(
        ([name, urls]) =>
          () =>
            this.indicators
              .check(name)
              .attempt(async ({ signal }) => {
                const answers = await Promise.allSettled(urls.map((url) => fetch(`${url.replace(/\/$/, '')}/health`, { signal })));
                if (answers.some((answer) => answer.status === 'fulfilled' && answer.value.ok)) return;
                const first = answers[0];
                throw new Error(
                  first.status === 'fulfilled' ? `${name} answered ${first.value.status}` : `${name} is not answering on any instance`,
                );
              })
              .withTimeout(3_000),
      ),
    );
  }
}
