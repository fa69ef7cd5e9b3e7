import { createServer } from 'node:net';
import path from 'node:path';
import { ChildService } from './child-service';
import { dropSchema, ensureTestDatabaseRoles, ensureTestKafkaAccess, kafkaCredentialsOf, TEST_KAFKA_BROKERS } from './test-infrastructure';
import { testServiceEnv } from './test-service';
import { waitFor } from './wait-for';

const healthy = async (url: string) => (await fetch(`${url}/health`).catch(() => undefined))?.ok === true;

export const SERVICES = ['intake', 'test-run', 'results', 'purchase-option'] as const;
export type ServiceName = (typeof SERVICES)[number];

const ROOT = path.resolve(__dirname, '../../..');

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
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

  private constructor(
    private readonly running: Map<ServiceName, { service: ChildService; url: string; schema: string }>,
  ) {}

  /** With `gateway`, also starts the gateway in front of the four services (and the console, if given). */
  static async start(options: {
    publicKeyFile: string;
    env?: Partial<Record<ServiceName, Record<string, string>>>;
    gateway?: GatewayOptions;
    /** Node options for the services' processes, e.g. `--cpu-prof` to profile them. */
    nodeArgs?: readonly string[];
  }): Promise<RackevalSystem> {
    const running = new Map<ServiceName, { service: ChildService; url: string; schema: string }>();
    const system = new RackevalSystem(running);
    try {
      await ensureTestKafkaAccess(process.env.KAFKA_TOPIC_PREFIX ?? '');
      await Promise.all(
        SERVICES.map(async (name) => {
          const port = await freePort();
          const env = testServiceEnv(name, options.publicKeyFile, { PORT: String(port), ...options.env?.[name] });
          await ensureTestDatabaseRoles(name);
          await ChildService.spawn(path.join(ROOT, 'apps', name, 'src', 'migrate.ts'), env).finished();
          const service = ChildService.spawn(path.join(ROOT, 'apps', name, 'src', 'main.ts'), env, options.nodeArgs);
          const url = `http://127.0.0.1:${port}`;
          running.set(name, { service, url, schema: env.DATABASE_SCHEMA });
          await waitFor(`${name} healthy`, () => service.ensureRunning() && healthy(url), { timeoutMs: 90_000, intervalMs: 250 });
        }),
      );
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
      INTAKE_URL: this.url('intake'),
      TEST_RUN_URL: this.url('test-run'),
      RESULTS_URL: this.url('results'),
      PURCHASE_OPTION_URL: this.url('purchase-option'),
      KAFKA_BROKERS: TEST_KAFKA_BROKERS,
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
    await waitFor('gateway healthy', () => service.ensureRunning() && healthy(url), { timeoutMs: 90_000, intervalMs: 250 });
  }

  /** The gateway's URL (the console's origin); only when started with `gateway`. */
  gatewayUrl(): string {
    if (!this.gateway) throw new Error('the gateway is not running: start the system with the gateway option');
    return this.gateway.url;
  }

  url(name: ServiceName): string {
    const entry = this.running.get(name);
    if (!entry) throw new Error(`${name} is not running`);
    return entry.url;
  }

  schema(name: ServiceName): string {
    return this.running.get(name)!.schema;
  }

  /** Stops the gateway (if started) and every service gracefully, and drops their schemas. */
  async stop(): Promise<void> {
    await this.gateway?.service.stop();
    await Promise.all(
      [...this.running.values()].map(async ({ service, schema }) => {
        await service.stop();
        await dropSchema(schema);
      }),
    );
  }
}
