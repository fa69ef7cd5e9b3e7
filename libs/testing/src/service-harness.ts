import { TestTokens } from '@rackeval/auth/testing';
import { GenerationRegistered, type GenerationRegisteredV1, Topics } from '@rackeval/contracts';
import type { ServiceConfig } from '@rackeval/platform';
import { generationRegisteredData } from './service-recipes';
import { deleteTestTopics, withDatabase } from './test-infrastructure';
import { produceEvents } from './test-events';
import { waitFor } from './wait-for';
import { RunningService, ServiceRecipe, startTestService, StartOptions } from './test-service';

/**
 * One service under test, the same shape in every app's integration specs (`sut` in the spec): the
 * real service on a fresh schema and fresh topics, tokens for the seeded users, SQL on its own schema,
 * and one `dispose` for afterAll. An app's harness extends it with the set-up steps its specs share.
 */
export class ServiceHarness<C extends ServiceConfig = ServiceConfig> {
  constructor(
    readonly service: RunningService<C>,
    readonly tokens: TestTokens,
  ) {}

  /** Creates the token issuer and boots the service with its public key; an app's `start` wraps it. */
  static async boot<C extends ServiceConfig>(
    recipe: ServiceRecipe<C>,
    env: Record<string, string> = {},
    options: Omit<StartOptions, 'env' | 'publicKeyFile'> = {},
  ): Promise<{ service: RunningService<C>; tokens: TestTokens }> {
    const tokens = await TestTokens.create();
    try {
      return { service: await startTestService(recipe, { ...options, publicKeyFile: tokens.publicKeyFile, env }), tokens };
    } catch (error) {
      await tokens.dispose();
      throw error;
    }
  }

  /** Boots the service as `boot` does, for a spec that needs no app-specific harness. */
  static async started<C extends ServiceConfig>(recipe: ServiceRecipe<C>, env: Record<string, string> = {}): Promise<ServiceHarness<C>> {
    const { service, tokens } = await ServiceHarness.boot(recipe, env);
    return new ServiceHarness(service, tokens);
  }

  get url(): string {
    return this.service.url;
  }

  /** The service's own schema. */
  get schema(): string {
    return this.service.config.DATABASE_SCHEMA;
  }

  /** A query on the service's own schema (unqualified table names): to prove that a refused request wrote nothing. */
  sql<T = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<T[]> {
    return withDatabase(async (client) => {
      await client.query(`SET search_path TO "${this.schema}"`);
      return (await client.query(text, params)).rows as T[];
    });
  }

  /**
   * Intake's GenerationRegistered, as intake's relay publishes it, and a wait until the service's
   * read model of generations (`known_generation`) holds the code: for a service that learns them from intake.
   */
  async learnGeneration(code: string, overrides: Partial<GenerationRegisteredV1> = {}): Promise<void> {
    await produceEvents(GenerationRegistered, [generationRegisteredData(code, overrides)], {
      topic: Topics.intakeRacks,
      source: 'rackeval/intake',
    });
    await waitFor(
      `generation ${code} known`,
      async () => (await this.sql(`SELECT 1 FROM known_generation WHERE code = $1`, [code])).length === 1,
    );
  }

  /** Stops the service and drops its schema, deletes the test's topics and the token issuer's keys. */
  async dispose(): Promise<void> {
    await this.service.close();
    await deleteTestTopics();
    await this.tokens.dispose();
  }
}
