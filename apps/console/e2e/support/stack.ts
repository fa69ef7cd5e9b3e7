import { TestTokens } from '@rackeval/auth/testing';
import { deleteTestTopics, dropSchema, ensureTestDatabaseRoles, RackevalSystem } from '@rackeval/testing';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { GatewayApi } from './api';
import { Browsers } from './browser';

/** The built console the gateway serves: CONSOLE_DIST, or apps/console/dist. */
export const CONSOLE_DIR = process.env.CONSOLE_DIST ?? path.resolve(__dirname, '../../dist');

/** The test file's stack: the services and the gateway serving the built console, an API client on the gateway, and headless Chromium. */
export interface ConsoleStack {
  tokens: TestTokens;
  system: RackevalSystem;
  api: GatewayApi;
  browsers: Browsers;
  /** The gateway's base URL. */
  url: string;
}

/**
 * Registers the start (beforeAll) and stop (afterAll) of the stack for the test file; call it at the
 * top of a describe, its fields are set once its beforeAll has run. `gatewaySchema` gives the gateway
 * a database of its own (service accounts) in that schema, dropped afterwards.
 */
export function consoleStack(options: { gatewaySchema?: string } = {}): ConsoleStack {
  const stack = {} as ConsoleStack;
  const { gatewaySchema } = options;

  beforeAll(async () => {
    if (!existsSync(path.join(CONSOLE_DIR, 'index.html')))
      throw new Error(`no built console in ${CONSOLE_DIR}: run \`npm run build\` in apps/console first (npm run e2e does)`);
    stack.tokens = await TestTokens.create();
    const gatewayDb = gatewaySchema === undefined ? undefined : await ensureTestDatabaseRoles('gateway');
    stack.system = await RackevalSystem.start({
      publicKeyFile: stack.tokens.publicKeyFile,
      gateway: {
        keyDir: stack.tokens.dir,
        consoleDir: CONSOLE_DIR,
        ...(gatewayDb && {
          env: {
            GATEWAY_DATABASE_URL: gatewayDb.runtimeUrl,
            GATEWAY_DATABASE_MIGRATION_URL: gatewayDb.ownerUrl,
            GATEWAY_DATABASE_SCHEMA: gatewaySchema!,
          },
        }),
      },
    });
    stack.url = stack.system.gatewayUrl();
    stack.api = new GatewayApi(stack.url, stack.tokens);
    stack.browsers = await Browsers.launch(stack.url);
  });

  afterAll(async () => {
    await stack.browsers?.close();
    await stack.system?.stop();
    if (gatewaySchema !== undefined) await dropSchema(gatewaySchema);
    await deleteTestTopics();
    await stack.tokens?.dispose();
  });

  return stack;
}
