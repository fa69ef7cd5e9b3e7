/**
 * docker-compose.yml as the specs read it (docker-compose.spec.ts, compose-cluster.spec.ts): its
 * services, each one's environment, and the configuration classes of the four services.
 */
import { ServiceConfig } from '@rackeval/platform';
import { getMetadataStorage } from 'class-validator';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { IntakeConfig } from '../../../apps/intake/src/config';
import { PurchaseOptionConfig } from '../../../apps/purchase-option/src/config';
import { ResultsConfig } from '../../../apps/results/src/config';
import { TestRunConfig } from '../../../apps/test-run/src/config';

export interface ComposeService {
  profiles?: string[];
  build?: { target?: string };
  command?: string[];
  environment?: Record<string, string | number | boolean> | string[];
  ports?: string[];
  expose?: string[];
  volumes?: string[];
  healthcheck?: { test: string[] | string };
  depends_on?: Record<string, { condition: string }>;
}

export const ROOT = join(__dirname, '..', '..', '..');
// Compose resolves YAML merge keys (`<<: *anchor`); the yaml package does so only when asked.
export const compose = parse(readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8'), { merge: true }) as {
  services: Record<string, ComposeService>;
  volumes?: Record<string, unknown>;
};

export const SERVICES: Array<{ name: string; config: new () => ServiceConfig; port: number; schema: string }> = [
  { name: 'intake', config: IntakeConfig, port: 3001, schema: 'intake' },
  { name: 'test-run', config: TestRunConfig, port: 3002, schema: 'test_run' },
  { name: 'results', config: ResultsConfig, port: 3003, schema: 'results' },
  { name: 'purchase-option', config: PurchaseOptionConfig, port: 3004, schema: 'purchase_option' },
];

export function service(name: string): ComposeService {
  const found = compose.services[name];
  if (!found) throw new Error(`docker-compose.yml has no service ${name}`);
  return found;
}

export function environmentOf(name: string): Record<string, string> {
  const env = service(name).environment ?? {};
  const pairs = Array.isArray(env) ? env.map((line) => line.split(/=(.*)/s, 2)) : Object.entries(env);
  return Object.fromEntries(pairs.map(([key, value]) => [key, String(value)]));
}

/** Every variable a config class reads: each decorated property is one variable. */
export const variablesOf = (config: new () => object) =>
  new Set(
    getMetadataStorage()
      .getTargetValidationMetadatas(config, '', true, false)
      .map((m) => m.propertyName),
  );

/** The users (and passwords) of a broker's SASL/PLAIN listener. */
export function brokerUsers(broker: string): Map<string, string> {
  const jaas = environmentOf(broker).KAFKA_LISTENER_NAME_SASL__PLAINTEXT_PLAIN_SASL_JAAS_CONFIG ?? '';
  return new Map([...jaas.matchAll(/user_([\w-]+)="([^"]*)"/g)].map(([, user, password]) => [user, password]));
}
