import createClient, { type Client, type ClientOptions } from 'openapi-fetch';
import type { paths as IntakePaths } from './generated/intake';
import type { paths as PurchaseOptionPaths } from './generated/purchase-option';
import type { paths as ResultsPaths } from './generated/results';
import type { paths as TestRunPaths } from './generated/test-run';

export type { IntakePaths, PurchaseOptionPaths, ResultsPaths, TestRunPaths };

export interface ApiClients {
  intake: Client<IntakePaths>;
  testRun: Client<TestRunPaths>;
  results: Client<ResultsPaths>;
  purchaseOption: Client<PurchaseOptionPaths>;
}

export type ServiceName = 'intake' | 'test-run' | 'results' | 'purchase-option';

/**
 * One typed client per service. `baseUrl(service)` says where a service's `/v1/…` paths live: through
 * the gateway `/api/<service>` (the console), or a service's own origin (tests, bench, demo).
 */
export function createApiClients(baseUrl: (service: ServiceName) => string, options: Omit<ClientOptions, 'baseUrl'> = {}): ApiClients {
  return {
    intake: createClient<IntakePaths>({ ...options, baseUrl: baseUrl('intake') }),
    testRun: createClient<TestRunPaths>({ ...options, baseUrl: baseUrl('test-run') }),
    results: createClient<ResultsPaths>({ ...options, baseUrl: baseUrl('results') }),
    purchaseOption: createClient<PurchaseOptionPaths>({ ...options, baseUrl: baseUrl('purchase-option') }),
  };
}

/** Through the gateway: `/api/<service>/v1/…` on `origin` (empty for the page's own origin). */
export const viaGateway =
  (origin = '') =>
  (service: ServiceName): string =>
    `${origin}/api/${service}`;
