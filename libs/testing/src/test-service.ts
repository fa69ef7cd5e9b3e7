import { DynamicModule, Global, INestApplication, Module } from '@nestjs/common';
import { MESSAGING_HOOKS, MessagingHooks } from '@rackeval/messaging';
import { bootstrapService, loadConfig, migrateService, ServiceConfig, ServiceDefinition } from '@rackeval/platform';
import {
  TEST_KAFKA_ADMIN,
  TEST_KAFKA_BROKERS,
  dropSchema,
  ensureTestDatabaseRoles,
  ensureTestKafkaAccess,
  isKafkaClient,
  kafkaCredentialsOf,
  testDatabaseRoles,
  uniqueSuffix,
} from './test-infrastructure';

/** How to build one service, exactly as its main.ts does. */
export interface ServiceRecipe<C extends ServiceConfig> {
  name: string;
  configClass: new () => C;
  definition: (config: C) => ServiceDefinition;
  module: (config: C) => DynamicModule;
}

export interface StartOptions {
  /** Extra or overriding environment variables. */
  env?: Record<string, string>;
  /** Public key of the test token issuer. */
  publicKeyFile: string;
  /** Fault-injection points for crash tests. */
  hooks?: MessagingHooks;
}

export interface RunningService<C extends ServiceConfig = ServiceConfig> {
  app: INestApplication;
  url: string;
  config: C;
  /** Stops the service (consumers leave their group); keeps its schema for a restart. */
  stop(): Promise<void>;
  /** Stops it and drops its schema. */
  close(): Promise<void>;
}

/**
 * Environment for a service under test: its own schema and consumer group, the real broker and
 * database, its owner role for migrations and its runtime role for everything else (create them
 * first with ensureTestDatabaseRoles; startTestService and RackevalSystem do). A rackeval service
 * connects to Kafka as its own principal, in a group under its principal's prefix, so the broker's
 * ACLs hold in every test (grant them first with ensureTestKafkaAccess); a test-only service (the
 * ledger fixture) has no principal and connects as admin.
 */
export function testServiceEnv(name: string, publicKeyFile: string, overrides: Record<string, string> = {}): Record<string, string> {
  const suffix = uniqueSuffix();
  const roles = testDatabaseRoles(name);
  const sasl = isKafkaClient(name) ? kafkaCredentialsOf(name) : TEST_KAFKA_ADMIN;
  return {
    NODE_ENV: 'test',
    PORT: '0',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'warn',
    DATABASE_URL: roles.runtimeUrl,
    DATABASE_MIGRATION_URL: roles.ownerUrl,
    DATABASE_SCHEMA: `${name.replace(/-/g, '_')}_${suffix}`,
    DATABASE_POOL_SIZE: '5',
    KAFKA_BROKERS: TEST_KAFKA_BROKERS,
    KAFKA_SASL_MECHANISM: sasl.mechanism,
    KAFKA_SASL_USERNAME: sasl.username,
    KAFKA_SASL_PASSWORD: sasl.password,
    KAFKA_CLIENT_ID: `${name}-${suffix}`,
    KAFKA_GROUP_ID: isKafkaClient(name) ? `${sasl.username}-${suffix}` : `${name}-${suffix}`,
    KAFKA_TOPIC_PREFIX: process.env.KAFKA_TOPIC_PREFIX ?? '',
    KAFKA_PARTITIONS: '3',
    KAFKA_SESSION_TIMEOUT_MS: '6000',
    OUTBOX_POLL_MS: '100',
    CONSUMER_RETRY_BASE_MS: '20',
    CONSUMER_MAX_ATTEMPTS: '3',
    AUTH_MODE: 'local',
    AUTH_LOCAL_PUBLIC_KEY_FILE: publicKeyFile,
    ...overrides,
  };
}

/** Migrates and boots a real service in this process, against the real PostgreSQL and Kafka. */
export async function startTestService<C extends ServiceConfig>(
  recipe: ServiceRecipe<C>,
  options: StartOptions,
): Promise<RunningService<C>> {
  const env = testServiceEnv(recipe.name, options.publicKeyFile, options.env);
  const config = loadConfig(recipe.configClass, env);
  const definition = recipe.definition(config);
  await Promise.all([ensureTestDatabaseRoles(recipe.name), ensureTestKafkaAccess(config.KAFKA_TOPIC_PREFIX)]);
  await migrateService(config, definition);
  const app = await bootstrapService({
    ...definition,
    title: recipe.name,
    module: withHooks(recipe.module(config), options.hooks),
  });
  const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await app.close();
  };
  return {
    app,
    url,
    config,
    stop,
    close: async () => {
      await stop();
      await dropSchema(config.DATABASE_SCHEMA);
    },
  };
}

function withHooks(module: DynamicModule, hooks?: MessagingHooks): DynamicModule {
  if (!hooks) return module;
  @Global()
  @Module({ providers: [{ provide: MESSAGING_HOOKS, useValue: hooks }], exports: [MESSAGING_HOOKS] })
  class FaultInjectionModule {}
  return { module: class TestRoot {}, imports: [module, FaultInjectionModule] };
}
