import { Controller, Get, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import { Public } from '@rackeval/auth';
import { GatewayConfig } from '../config';
import { GATEWAY_CONFIG } from '../gateway.tokens';

/** 200 when every service behind the gateway answers its own health check. */
@ApiTags('operations')
@Controller('health')
export class GatewayHealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  @Public()
  @Get()
  @HealthCheck()
  check() {
    return this.health.check(
      Object.entries(this.config.upstreams()).map(([name, url]) => () =>
        this.indicators
          .check(name)
          .attempt(async ({ signal }) => {
            const response = await fetch(`${url}/health`, { signal });
            if (!response.ok) throw new Error(`${name} answered ${response.status}`);
          })
          .withTimeout(3_000),
      ),
    );
  }
}
