import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { ChildService } from './child-service';
import { freePort } from './free-port';
import { dropSchema, ensureTestDatabaseRoles, ensureTestKafkaAccess, kafkaCredentialsOf, TEST_KAFKA_BROKERS } from './test-infrastructure';
import { testServiceEnv } from './test-service';

export const SERVICES = ['intake', 'test-run', 'results', 'purchase-option'] as const;
export type ServiceName = (typeof SERVICES)[number];

const ROOT = path.resolve(__dirname, '../../..');

/** The 3-broker cluster of `infra/kafka/kafka.sh cluster` (its default ports). */
export const CLUSTER_KAFKA_BROKERS = '127.0.0.1:29092,127.0.0.1:29093,127.0.0.1:29094';

interface RunningInstance {
  service: ChildService;
  url: string;
  env: Record<string, string>;
}
interface RunningService {
  instances: RunningInstance[];
  schema: string;
}

export interface GatewayOptions {
  /** Where the gateway's local issuer finds its key pair: the `dir` of TestTokens, so both sign alike. */
  keyDir: string;
  /** The built console to serve at `/`. */
  consoleDir?: string;
  env?: Record<string, string>;
}

/**
 * The whole system for end-to-end tests: every service migrated and running in its own process
 * (from source, exactly its main.ts), on fresh schemas and this test file's topics. Tests talk to
 * it only through HTTP, as users and harnesses do.
 */
export class RackevalSystem {
  private gateway?: { service: ChildService; url: string };
  /** Whether start() started the 3-broker cluster (and stop() therefore stops it). */
  private startedCluster = false;

  private constructor(
    private readonly running: Map<ServiceName, RunningService>,
    private readonly nodeArgs: readonly string[] = [],
  ) {}

  /** With `gateway`, also starts the gateway in front of the four services (and the console, if given). */
  static async start(options: {
    publicKeyFile: string;
    env?: Partial<Record<ServiceName, Record<string, string>>>;
    gateway?: GatewayOptions;
    /** Node options for the services' processes, e.g. `--cpu-prof` to profile them. */
    nodeArgs?: readonly string[];
    /** Processes per service (default 1): one schema and consumer group, each on its own port; the gateway balances across them. */
    instances?: number;
    /**
     * 3: the services use the 3-broker cluster (`kafka.sh cluster`, started here if down). The
     * test process's own Kafka clients (testKafka, deleteTestTopics) follow KAFKA_BROKERS: set it
     * to CLUSTER_KAFKA_BROKERS before @rackeval/testing loads (apps/e2e/test/support/on-cluster.ts).
     */
    brokers?: 1 | 3;
  }): Promise<RackevalSystem> {
    const running = new Map<ServiceName, RunningService>();
    const system = new RackevalSystem(running, options.nodeArgs);
    const instances = options.instances ?? 1;
    const cluster = options.brokers === 3;
    try {
      if (cluster) system.startedCluster = startCluster();
      await ensureTestKafkaAccess(process.env.KAFKA_TOPIC_PREFIX ?? '');
      // allSettled, not all: when one service fails to start, the others are still spawning; stop()
      // must run only after every spawned process is known, or it leaves some of them behind.
      const started = await Promise.allSettled(
        SERVICES.map(async (name) => {
          const env = testServiceEnv(name, options.publicKeyFile, {
            ...(cluster ? { KAFKA_BROKERS: CLUSTER_KAFKA_BROKERS } : {}),
            ...options.env?.[name],
          });
          await ensureTestDatabaseRoles(name);
          const migration = ChildService.spawn(path.join(ROOT, 'apps', name, 'src', 'migrate.ts'), env);
          await migration.finished(180_000).catch(async (error: unknown) => {
            await migration.kill();
            throw error;
          });
          const entry: RunningService = { instances: [], schema: env.DATABASE_SCHEMA };
          running.set(name, entry);
          for (let i = 0; i < instances; i += 1) {
            const port = await freePort();
            const instanceEnv = { ...env, PORT: String(port) };
            entry.instances.push({
              service: ChildService.spawn(path.join(ROOT, 'apps', name, 'src', 'main.ts'), instanceEnv, options.nodeArgs),
              url: `http://127.0.0.1:${port}`,
              env: instanceEnv,
            });
          }
          await Promise.all(entry.instances.map(({ service, url }, i) => service.waitUntilServing(`${name}#${i + 1}`, url, 300_000)));
        }),
      );
      const failed = started.find((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
      if (failed) throw failed.reason;
      if (options.gateway) await system.startGateway(options.gateway);
    } catch (error) {
      await system.stop();
      throw error;
    }
    return system;
  }

  private async startGateway(options: GatewayOptions): Promise<void> {
    const port = await freePort();
    const env: Record<string, string> = {
      NODE_ENV: 'test',
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'warn',
      AUTH_MODE: 'local',
      AUTH_LOCAL_KEY_DIR: options.keyDir,
      INTAKE_URL: this.urls('intake').join(','),
      TEST_RUN_URL: this.urls('test-run').join(','),
      RESULTS_URL: this.urls('results').join(','),
      PURCHASE_OPTION_URL: this.urls('purchase-option').join(','),
      UPSTREAM_CHECK_INTERVAL_MS: '500',
      KAFKA_BROKERS: this.running.get('intake')?.instances[0]?.env.KAFKA_BROKERS ?? TEST_KAFKA_BROKERS,
      KAFKA_SASL_USERNAME: kafkaCredentialsOf('gateway').username,
      KAFKA_SASL_PASSWORD: kafkaCredentialsOf('gateway').password,
      KAFKA_TOPIC_PREFIX: process.env.KAFKA_TOPIC_PREFIX ?? '',
      KAFKA_PARTITIONS: '3',
      ...(options.consoleDir ? { CONSOLE_DIR: options.consoleDir } : {}),
      ...options.env,
    };
    const service = ChildService.spawn(path.join(ROOT, 'apps', 'gateway', 'src', 'main.ts'), env);
    const url = `http://127.0.0.1:${port}`;
    // Kept before it is healthy, so stop() ends it if it never becomes so.
    this.gateway = { service, url };
    // Its health answers 200 once every service behind it does.
    await service.waitUntilServing('gateway', url, 90_000);
  }

  /** The gateway's URL (the console's origin); only when started with `gateway`. */
  gatewayUrl(): string {
    if (!this.gateway) throw new Error('the gateway is not running: start the system with the gateway option');
    return this.gateway.url;
  }

  /** The first instance's URL. */
  url(name: ServiceName): string {
    return this.urls(name)[0];
  }

  /** Every instance's URL, in order. */
  urls(name: ServiceName): string[] {
    const entry = this.running.get(name);
    if (!entry) throw new Error(`${name} is not running`);
    return entry.instances.map((instance) => instance.url);
  }

  schema(name: ServiceName): string {
    return this.running.get(name)!.schema;
  }

  /** SIGKILL of one instance (0-based), as a crash would; `restart` brings it back on the same port. */
  async kill(name: ServiceName, instance: number): Promise<void> {
    await this.instance(name, instance).service.kill();
  }

  async restart(name: ServiceName, instance: number): Promise<void> {
    const running = this.instance(name, instance);
    await running.service.stop();
    running.service = ChildService.spawn(path.join(ROOT, 'apps', name, 'src', 'main.ts'), running.env, this.nodeArgs);
    await running.service.waitUntilServing(`${name}#${instance + 1} (restarted)`, running.url, 120_000);
  }

  private instance(name: ServiceName, instance: number): RunningInstance {
    const running = this.running.get(name)?.instances[instance];
    if (!running) throw new Error(`${name} has no instance ${instance}`);
    return running;
  }

  /**
   * Stops the gateway (if started) and every service gracefully, and drops their schemas; stops the
   * 3-broker cluster too when start() started it (one that was already running is left running).
   * `afterServices` runs once the services are down and while the broker still answers (deleting the
   * test's topics, say).
   */
  async stop({ afterServices }: { afterServices?: () => Promise<unknown> } = {}): Promise<void> {
    await this.gateway?.service.stop();
    await Promise.all(
      [...this.running.values()].map(async ({ instances, schema }) => {
        await Promise.all(instances.map(({ service }) => service.stop()));
        await dropSchema(schema);
      }),
    );
    try {
      await afterServices?.();
    } finally {
      if (this.startedCluster) {
        this.startedCluster = false;
        kafkaCluster('stop');
      }
    }
  }
}

/** Starts the 3-broker cluster unless all of it answers already; true when this call started it. */
function startCluster(): boolean {
  if (kafkaCluster('status', { check: false })) return false;
  kafkaCluster('start');
  return true;
}

function kafkaCluster(command: 'start' | 'stop' | 'status', { check = true } = {}): boolean {
  const result = spawnSync('bash', [path.join(ROOT, 'infra', 'kafka', 'kafka.sh'), 'cluster', command], {
    encoding: 'utf8',
    timeout: 240_000,
  });
  if (check && result.status !== 0)
    throw new Error(`kafka.sh cluster ${command} failed (${result.status}):\n${result.stdout}\n${result.stderr}`);
  return result.status === 0;
}
