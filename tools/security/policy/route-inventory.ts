/**
 * What each service really exposes, read two ways the policy is held against: its OpenAPI document
 * (what clients are generated from) and the routing and auth decorators on its controllers (what
 * the guard enforces).
 */
import { Type } from '@nestjs/common';
import { ROLES, routesOf } from '@rackeval/auth';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import 'reflect-metadata';
import { PolicyService, Rule } from './policy-table';

const ROOT = path.resolve(__dirname, '../../..');

/** The parts of JSON Schema that @nestjs/swagger writes and the suite reads. */
export interface JsonSchema {
  type?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  example?: unknown;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  maxLength?: number;
  $ref?: string;
  allOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  anyOf?: JsonSchema[];
}

export interface OpenApiOperationObject {
  requestBody?: { content: Record<string, { schema?: JsonSchema }> };
}

export interface OpenApiOperation {
  method: string;
  path: string;
  key: string;
  operation: OpenApiOperationObject;
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, OpenApiOperationObject>>;
  components?: { schemas?: Record<string, JsonSchema> };
}

const HTTP_METHODS = ['get', 'post', 'put', 'patch', 'delete'];

export function operationsOf(document: OpenApiDocument): OpenApiOperation[] {
  return Object.entries(document.paths).flatMap(([route, item]) =>
    Object.entries(item)
      .filter(([method]) => HTTP_METHODS.includes(method))
      .map(([method, operation]) => ({ method: method.toUpperCase(), path: route, key: `${method.toUpperCase()} ${route}`, operation })),
  );
}

export async function fetchOpenApi(baseUrl: string): Promise<OpenApiDocument> {
  const response = await fetch(`${baseUrl}/docs-json`);
  if (!response.ok) throw new Error(`${baseUrl}/docs-json answered ${response.status}`);
  return (await response.json()) as OpenApiDocument;
}

const controllerFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return controllerFiles(full);
    return entry.name.endsWith('.controller.ts') ? [full] : [];
  });

/**
 * Every HTTP route declared by the service's controllers (its own and the platform's health and metrics) with
 * the rule its decorators give (`@rackeval/auth`'s `routesOf`, as the guard reads them). The gateway's
 * catch-all proxy is left out: the services behind it are checked themselves, and through the gateway.
 */
export function decoratedRoutes(service: PolicyService): Map<string, Rule> {
  const routes = new Map<string, Rule>();
  for (const controller of controllersOf(service).filter(({ name }) => name !== 'ProxyController')) {
    for (const route of routesOf(controller)) routes.set(route.key, route.declared ?? ROLES);
  }
  return routes;
}

/** The controller classes of a service, found on disk: its own and the platform's health and metrics. */
export function controllersOf(service: PolicyService): Type[] {
  const files = controllerFiles(path.join(ROOT, 'apps', service, 'src'));
  files.push(path.join(ROOT, 'libs/platform/src/observability/metrics.controller.ts'));
  if (service !== 'gateway') files.push(path.join(ROOT, 'libs/platform/src/observability/health.controller.ts'));
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- controllers are found on disk, so loaded by path
  const exports = files.flatMap((file) => Object.values(require(file) as Record<string, unknown>));
  return exports.filter((exported): exported is Type => typeof exported === 'function' && routesOf(exported as Type).length > 0);
}

/** Whether the policy's rule is what the decorators enforce; a ticket route is public to the guard and checks its ticket itself. */
export function sameRule(policy: Rule, decorated: Rule): boolean {
  if (policy === 'ticket') return decorated === 'public';
  if (typeof policy === 'string' || typeof decorated === 'string') return policy === decorated;
  return policy.length === decorated.length && policy.every((role) => decorated.includes(role));
}
