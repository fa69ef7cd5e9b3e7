import { DynamicModule, Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule, AuthSettings } from '@rackeval/auth';
import { MessagingModule, MessagingSettings } from '@rackeval/messaging';
import { kafkaSaslOf } from './config/kafka-sasl';
import { HttpConfig, ServiceConfig } from './config/service-config';
import { DatabaseParts, databaseOptions } from './database/database-options';
import { onceForCurrentRequest } from './idempotency/idempotency';
import { IDEMPOTENCY_CONFIG, IdempotencyJanitor } from './idempotency/idempotency-janitor';
import { TracingFlush } from './observability/tracing';
import { HealthController } from './observability/health.controller';
import { MetricsController } from './observability/metrics.controller';

export const SERVICE_CONFIG = Symbol('SERVICE_CONFIG');

export interface ServiceDefinition extends DatabaseParts {
  /** `intake`, `test-run`, … : CloudEvents source, logs, dead-letter topic. */
  name: string;
  config: ServiceConfig;
  /** Topics the service produces to or consumes from. */
  topics: string[];
  /** Body parsers beyond JSON, e.g. `{ type: 'text', mediaType: 'text/csv', limit: '64mb' }` for manifests. */
  bodyParsers?: BodyParserOption[];
  /**
   * Paths of POST routes that receive their JSON body as text, to parse it as they go (see
   * `JsonArrayItems`); the body is limited and refused as any JSON body is.
   */
  jsonBodyAsText?: RegExp[];
}

export interface BodyParserOption {
  type: 'json' | 'text' | 'raw';
  mediaType?: string;
  limit: string;
}

export function messagingSettings(definition: Pick<ServiceDefinition, 'name' | 'config' | 'topics'>): MessagingSettings {
  const { config } = definition;
  return {
    serviceName: definition.name,
    brokers: config.KAFKA_BROKERS.split(','),
    sasl: kafkaSaslOf(config, `rackeval-${definition.name}`),
    clientId: config.KAFKA_CLIENT_ID,
    groupId: config.KAFKA_GROUP_ID,
    topics: definition.topics,
    partitions: config.KAFKA_PARTITIONS,
    replication: { factor: config.KAFKA_REPLICATION_FACTOR, minInsyncReplicas: config.KAFKA_MIN_INSYNC_REPLICAS },
    sessionTimeoutMs: config.KAFKA_SESSION_TIMEOUT_MS,
    partitionsConsumedConcurrently: config.KAFKA_PARTITIONS_CONSUMED_CONCURRENTLY,
    outboxPollMs: config.OUTBOX_POLL_MS,
    outboxBatchSize: config.OUTBOX_BATCH_SIZE,
    outboxLeaseMs: config.OUTBOX_LEASE_MS,
    outboxRetentionHours: config.OUTBOX_RETENTION_HOURS,
    inboxRetentionHours: config.INBOX_RETENTION_HOURS,
    consumerMaxAttempts: config.CONSUMER_MAX_ATTEMPTS,
    consumerRetryBaseMs: config.CONSUMER_RETRY_BASE_MS,
    offsetCommitIntervalMs: config.CONSUMER_COMMIT_INTERVAL_MS,
  };
}

export function authSettings(config: HttpConfig): AuthSettings {
  return {
    mode: config.AUTH_MODE,
    issuer: config.AUTH_ISSUER,
    audience: config.AUTH_AUDIENCE,
    localPublicKeyFile: config.AUTH_LOCAL_PUBLIC_KEY_FILE,
    jwksUrl: config.AUTH_JWKS_URL,
    algorithms: config.AUTH_ALGORITHMS?.split(',') ?? (config.AUTH_MODE === 'local' ? ['ES256'] : ['RS256', 'ES256']),
    rolesClaim: config.AUTH_ROLES_CLAIM,
    maxTokenAgeSeconds: config.AUTH_MAX_TOKEN_AGE_SECONDS,
  };
}

/**
 * Everything a rackeval service stands on: its PostgreSQL schema, the event runtime, token
 * checks on every route, /health and /metrics. A service's AppModule imports this once.
 */
@Module({})
export class ServiceModule {
  static forRoot(definition: ServiceDefinition): DynamicModule {
    return {
      module: ServiceModule,
      global: true,
      imports: [
        TypeOrmModule.forRoot(databaseOptions(definition.config, definition)),
        TerminusModule,
        MessagingModule.forRoot(messagingSettings(definition), onceForCurrentRequest),
        AuthModule.forRoot(authSettings(definition.config)),
      ],
      controllers: [HealthController, MetricsController],
      providers: [
        { provide: SERVICE_CONFIG, useValue: definition.config },
        { provide: IDEMPOTENCY_CONFIG, useValue: definition.config },
        IdempotencyJanitor,
        TracingFlush,
      ],
      exports: [SERVICE_CONFIG],
    };
  }
}
