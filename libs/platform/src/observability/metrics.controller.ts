import { Controller, Get, Header, Inject, OnModuleDestroy, Optional } from '@nestjs/common';
import { ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Public } from '@rackeval/auth';
import { MESSAGING_SETTINGS, type MessagingSettings } from '@rackeval/messaging';
import { collectDefaultMetrics, register } from 'prom-client';
import { DataSource } from 'typeorm';
import { watchDatabasePool } from './db-pool.metrics';

let defaultsCollected = false;

/**
 * Prometheus text exposition of the process and rackeval metrics. In a service (it has a database
 * and the event runtime) it also reports the service's connection pool; the gateway has neither.
 */
@ApiTags('operations')
@Controller('metrics')
export class MetricsController implements OnModuleDestroy {
  private readonly unwatchPool?: () => void;

  constructor(@Optional() dataSource?: DataSource, @Optional() @Inject(MESSAGING_SETTINGS) settings?: MessagingSettings) {
    if (!defaultsCollected) {
      collectDefaultMetrics();
      defaultsCollected = true;
    }
    // The OpenAPI export builds controllers with empty stand-ins: only a real service's pool is watched.
    if (dataSource && settings?.serviceName) this.unwatchPool = watchDatabasePool(settings.serviceName, dataSource);
  }

  onModuleDestroy(): void {
    this.unwatchPool?.();
  }

  @Public()
  @Get()
  @Header('Content-Type', register.contentType)
  @ApiProduces('text/plain')
  @ApiOkResponse({ description: 'Prometheus text exposition format 0.0.4', schema: { type: 'string' } })
  metrics(): Promise<string> {
    return register.metrics();
  }
}
