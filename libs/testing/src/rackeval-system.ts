import { createServer } from 'node:net';
import path from 'node:path';
import { ChildService } from './child-service';
import { dropSchema } from './test-infrastructure';
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

/**
 * The whole system for end-to-end tests: every service migrated and running in its own process
 * (from source, exactly its main.ts), on fresh schemas and this test file's topics. Tests talk to
 * it only through HTTP, as users and harnesses do.
 */
export class RackevalSystem {
  private constructor(
    private readonly running: Map<ServiceName, { service: ChildService; url: string; schema: string }>,
  ) {}

  static async start(options: { publicKeyFile: string; env?: Partial<Record<ServiceName, Record<string, string>>> }): Promise<RackevalSystem> {
    const running = new Map<ServiceName, { service: ChildService; url: string; schema: string }>();
    const system = new RackevalSystem(running);
    try {
      await Promise.all(
        SERVICES.map(async (name) => {
          const port = await freePort();
          const env = testServiceEnv(name, options.publicKeyFile, { PORT: String(port), ...options.env?.[name] });
          await ChildService.spawn(path.join(ROOT, 'apps', name, 'src', 'migrate.ts'), env).finished();
          const service = ChildService.spawn(path.join(ROOT, 'apps', name, 'src', 'main.ts'), env);
          const url = `http://127.0.0.1:${port}`;
          running.set(name, { service, url, schema: env.DATABASE_SCHEMA });
          await waitFor(`${name} healthy`, () => service.ensureRunning() && healthy(url), { timeoutMs: 90_000, intervalMs: 250 });
        }),
      );
    } catch (error) {
      await system.stop();
      throw error;
    }
    return system;
  }

  url(name: ServiceName): string {
    const entry = this.running.get(name);
    if (!entry) throw new Error(`${name} is not running`);
    return entry.url;
  }

  schema(name: ServiceName): string {
    return this.running.get(name)!.schema;
  }

  /** Stops every service gracefully and drops their schemas. */
  async stop(): Promise<void> {
    await Promise.all(
      [...this.running.values()].map(async ({ service, schema }) => {
        await service.stop();
        await dropSchema(schema);
      }),
    );
  }
}
