import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { Public } from '@rackeval/auth';
import { ConsumerHealthIndicator, KafkaHealthIndicator } from '@rackeval/messaging';

/**
 * Liveness and readiness, kept apart: a process whose database is away is alive (restarting it
 * would not help) but not ready; a process whose consumer crashed for good is neither.
 */
@ApiTags('operations')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly postgres: TypeOrmHealthIndicator,
    private readonly kafka: KafkaHealthIndicator,
    private readonly consumer: ConsumerHealthIndicator,
  ) {}

  /** Same as `/health/ready`. */
  @Public()
  @Get()
  @HealthCheck()
  check() {
    return this.ready();
  }

  /** 200 when PostgreSQL and Kafka answer and the consumer is in its group, fetching, with no partition held up by either; 503 naming what is not. */
  @Public()
  @Get('ready')
  @HealthCheck()
  ready() {
    return this.health.check([
      () => this.postgres.pingCheck('postgres').withTimeout(2_000),
      () => this.kafka.check('kafka'),
      () => this.consumer.ready('consumer'),
    ]);
  }

  /** 200 unless the process should be restarted: its consumer crashed for good or stopped fetching. */
  @Public()
  @Get('live')
  @HealthCheck()
  live() {
    return this.health.check([() => this.consumer.alive('consumer')]);
  }
}
