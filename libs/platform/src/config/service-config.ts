import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUrl, Matches, Max, Min, ValidateIf } from 'class-validator';
import { ownerUrlOf } from '../database/database-roles';
import { IsKafkaSaslMechanism, IsKafkaSaslPassword, IsKafkaSaslUsername, KafkaSaslMechanismName, kafkaSaslProblems } from './kafka-sasl';

const LOG_LEVELS = ['error', 'warn', 'log', 'debug', 'verbose'] as const;
export type LogLevelName = (typeof LOG_LEVELS)[number];

/** Variables every HTTP process reads (the gateway too): where it listens, how it logs, how it checks tokens. */
export class HttpConfig {
  @IsIn(['development', 'test', 'production']) NODE_ENV: 'development' | 'test' | 'production' = 'development';
  @IsString() HOST = '127.0.0.1';
  @Type(() => Number) @IsInt() @Min(0) @Max(65535) PORT: number;
  @IsIn(LOG_LEVELS) LOG_LEVEL: LogLevelName = 'log';

  @IsIn(['local', 'oidc']) AUTH_MODE: 'local' | 'oidc' = 'local';
  @IsString() AUTH_ISSUER = 'rackeval-local';
  @IsString() AUTH_AUDIENCE = 'rackeval';
  @IsString() AUTH_ROLES_CLAIM = 'roles';
  /** Tokens issued longer ago than this are refused, whatever their `exp` says. */
  @Type(() => Number) @IsInt() @Min(1) @Max(7 * 24 * 3600) AUTH_MAX_TOKEN_AGE_SECONDS = 7_200;
  @ValidateIf((config: HttpConfig) => config.AUTH_MODE === 'local')
  @IsString()
  AUTH_LOCAL_PUBLIC_KEY_FILE = '.rackeval/keys/local-issuer.public.jwk.json';
  @ValidateIf((config: HttpConfig) => config.AUTH_MODE === 'oidc')
  @IsUrl({ require_tld: false, protocols: ['https', 'http'] }, { message: 'AUTH_JWKS_URL must be the URL of the OIDC issuer JWKS' })
  AUTH_JWKS_URL?: string;
  @IsOptional() @Matches(/^[A-Z0-9]+(,[A-Z0-9]+)*$/) AUTH_ALGORITHMS?: string;

  /** Rules that involve several variables. */
  crossCheck(): string[] {
    const problems: string[] = [];
    if (this.NODE_ENV === 'production' && this.AUTH_MODE === 'local') {
      problems.push('AUTH_MODE: the local issuer does not run in production; set AUTH_MODE=oidc with AUTH_JWKS_URL');
    }
    return problems;
  }
}

/**
 * Variables every service reads. Each service extends this class with its own defaults
 * (port, schema, role) and its own variables. docker-compose.yml sets the same names.
 */
export class ServiceConfig extends HttpConfig {
  /** The runtime role: USAGE on the schema and the DML the service needs, nothing more. */
  @Matches(/^postgres(ql)?:\/\/\S+$/, { message: 'DATABASE_URL must be a postgres:// URL' }) DATABASE_URL: string;
  /** The schema's owner, used only by migrations; by default DATABASE_URL's user with `_owner` appended. */
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/\S+$/, { message: 'DATABASE_MIGRATION_URL must be a postgres:// URL' })
  DATABASE_MIGRATION_URL?: string;
  @Matches(/^[a-z_][a-z0-9_]{0,62}$/, { message: 'DATABASE_SCHEMA must be a lower-case SQL identifier' }) DATABASE_SCHEMA: string;
  @Type(() => Number) @IsInt() @Min(1) @Max(200) DATABASE_POOL_SIZE = 10;
  /** Bounds on every session, so a stuck database or lock fails a request instead of hanging it (0 turns one off). */
  @Type(() => Number) @IsInt() @Min(0) @Max(3_600_000) DATABASE_STATEMENT_TIMEOUT_MS = 120_000;
  @Type(() => Number) @IsInt() @Min(0) @Max(3_600_000) DATABASE_LOCK_TIMEOUT_MS = 10_000;
  @Type(() => Number) @IsInt() @Min(0) @Max(3_600_000) DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS = 60_000;
  /** How long to wait for a pooled connection (or a new one) before giving up. */
  @Type(() => Number) @IsInt() @Min(100) @Max(600_000) DATABASE_CONNECT_TIMEOUT_MS = 5_000;

  @Matches(/^[\w.-]+:\d{1,5}(,[\w.-]+:\d{1,5})*$/, { message: 'KAFKA_BROKERS must be a comma-separated list of host:port' })
  KAFKA_BROKERS = '127.0.0.1:9092';
  /**
   * The service authenticates as its own principal (`rackeval-<service>` unless KAFKA_SASL_USERNAME
   * says otherwise), which may write only its own topics. The password's default is the local
   * broker's (infra/kafka/kafka.sh, RACKEVAL_KAFKA_PASSWORD), like the database's.
   */
  @IsKafkaSaslMechanism() KAFKA_SASL_MECHANISM: KafkaSaslMechanismName = 'scram-sha-512';
  @IsKafkaSaslUsername() KAFKA_SASL_USERNAME?: string;
  @IsKafkaSaslPassword() KAFKA_SASL_PASSWORD = 'rackeval';
  @Matches(/^[\w.-]+$/) KAFKA_CLIENT_ID: string;
  @Matches(/^[\w.-]+$/) KAFKA_GROUP_ID: string;
  @IsOptional() @Matches(/^[\w.-]*$/) KAFKA_TOPIC_PREFIX = '';
  @Type(() => Number) @IsInt() @Min(1) @Max(1000) KAFKA_PARTITIONS = 6;
  /** Copies of each topic this service creates; unset: the broker's default.replication.factor (3 on `kafka.sh cluster`). */
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(16) KAFKA_REPLICATION_FACTOR?: number;
  /** min.insync.replicas of each topic this service creates; unset: the broker's default (2 on `kafka.sh cluster`). */
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(16) KAFKA_MIN_INSYNC_REPLICAS?: number;
  @Type(() => Number) @IsInt() @Min(6000) @Max(300_000) KAFKA_SESSION_TIMEOUT_MS = 10_000;
  @Type(() => Number) @IsInt() @Min(1) @Max(100) KAFKA_PARTITIONS_CONSUMED_CONCURRENTLY = 3;

  @Type(() => Number) @IsInt() @Min(10) @Max(60_000) OUTBOX_POLL_MS = 250;
  @Type(() => Number) @IsInt() @Min(1) @Max(10_000) OUTBOX_BATCH_SIZE = 500;
  /** A relay that stops renewing its lease (frozen, dead) is replaced by another instance after this. */
  @Type(() => Number) @IsInt() @Min(1_000) @Max(600_000) OUTBOX_LEASE_MS = 5_000;
  @Type(() => Number) @IsInt() @Min(1) @Max(87_600) OUTBOX_RETENTION_HOURS = 72;
  /** Must exceed the broker's log retention (7 days on the local broker). */
  @Type(() => Number) @IsInt() @Min(1) @Max(87_600) INBOX_RETENTION_HOURS = 336;
  @Type(() => Number) @IsInt() @Min(1) @Max(100) CONSUMER_MAX_ATTEMPTS = 5;
  @Type(() => Number) @IsInt() @Min(1) @Max(60_000) CONSUMER_RETRY_BASE_MS = 200;
  /** Applied offsets are committed together this often; a redelivery after a crash is skipped by the inbox. */
  @Type(() => Number) @IsInt() @Min(10) @Max(5_000) CONSUMER_COMMIT_INTERVAL_MS = 250;
  /** Idempotency-Keys are forgotten after this long (a client retries within hours, not weeks). */
  @Type(() => Number) @IsInt() @Min(1) @Max(87_600) IDEMPOTENCY_RETENTION_HOURS = 168;

  override crossCheck(): string[] {
    return [...super.crossCheck(), ...kafkaSaslProblems(this)];
  }

  /** Where migrations connect: DATABASE_MIGRATION_URL, or the owner role derived from DATABASE_URL. */
  migrationUrl(): string {
    return this.DATABASE_MIGRATION_URL ?? ownerUrlOf(this.DATABASE_URL);
  }
}
