/**
 * Body fuzzing from the OpenAPI request schemas: for each POST/PUT operation, generated bodies
 * (seeded) sent as a role the policy allows. No body may cause a 5xx, and a refused body (4xx)
 * must leave every table of the service's schema as it was.
 */
import { RackevalSystem, ServiceName } from '@rackeval/testing';
import fc from 'fast-check';
import { allowedRoles, POLICY } from '../policy/policy-table';
import { OpenApiDocument, operationsOf } from '../policy/route-inventory';
import { send } from '../support/http';
import { CheckOutcome, curl, Violation } from '../support/outcome';
import { Caller, USER_OF_ROLE } from './callers';
import { requestFor } from './authz-matrix';
import { changedTables, rowCounts, settledCounts } from './row-counts';
import { bodyArbitrary, Hints, textBodyArbitrary } from './schema-arbitrary';

const TEXT_HEADERS: Record<string, string> = {
  'text/csv':
    'deliveryReference,site,receivedAt,rackSerial,generation,lot,partNumber,category,quantity,unitCost,currency,supplier,countryOfOrigin',
  'application/x-ndjson': '{"schemaVersion":{"major":2,"minor":0}}',
};

const hash = (text: string) => [...text].reduce((h, c) => (Math.imul(h, 31) + c.charCodeAt(0)) | 0, 0);

export interface FuzzRow {
  service: ServiceName;
  operations: number;
  bodies: number;
  accepted: number;
  refused: number;
  violations: number;
}

export async function fuzzBodies(
  system: RackevalSystem,
  services: readonly ServiceName[],
  documents: Record<ServiceName, OpenApiDocument>,
  callers: Caller[],
  /** `parameters`: path parameters by name, naming real rows so that valid bodies reach the rules. */
  options: { seed: number; bodies: number; parameters: Record<string, string>; hints?: Hints },
): Promise<{ outcome: CheckOutcome; rows: FuzzRow[] }> {
  const violations: Violation[] = [];
  const rows: FuzzRow[] = [];
  for (const service of services) {
    const schema = system.schema(service);
    const components = documents[service].components?.schemas ?? {};
    const writes = operationsOf(documents[service]).filter(
      (operation) => ['POST', 'PUT'].includes(operation.method) && operation.operation.requestBody,
    );
    const row: FuzzRow = { service, operations: writes.length, bodies: 0, accepted: 0, refused: 0, violations: 0 };
    let before = await settledCounts(schema);
    for (const operation of writes) {
      const role = allowedRoles(POLICY[service][operation.key] ?? [])[0];
      const caller = callers.find((candidate) => candidate.role === role);
      if (!caller) continue;
      const [contentType, media] = Object.entries(operation.operation.requestBody!.content)[0];
      const arbitrary =
        contentType === 'application/json'
          ? bodyArbitrary(media.schema ?? {}, components, options.hints).map((value) => JSON.stringify(value) ?? 'null')
          : textBodyArbitrary(TEXT_HEADERS[contentType] ?? '');
      const bodies = fc.sample(arbitrary, { seed: options.seed ^ hash(operation.key), numRuns: options.bodies });
      const path = requestFor(operation, options.parameters).path;
      const url = `${system.url(service)}${path}`;
      for (const body of bodies) {
        row.bodies++;
        const answer = await send(operation.method, url, { token: caller.token, body, contentType });
        const reproduce = `${curl(operation.method, url, caller.name, body, contentType)}   # as ${USER_OF_ROLE[role]}, seed ${options.seed}`;
        if (answer.status >= 500) {
          violations.push({ what: `${service} ${operation.key}: ${answer.status} ${answer.text.slice(0, 200)}`, reproduce });
          row.violations++;
          before = await settledCounts(schema);
        } else if (answer.status >= 400) {
          row.refused++;
          const after = await rowCounts(schema);
          const changed = changedTables(before, after);
          if (changed.length) {
            violations.push({
              what: `${service} ${operation.key}: refused with ${answer.status} but wrote ${changed.join(', ')}`,
              reproduce,
            });
            row.violations++;
            before = await settledCounts(schema);
          }
        } else {
          row.accepted++;
          // What an accepted body writes (and the events it sets off) is allowed: wait for it to settle.
          before = await settledCounts(schema);
        }
      }
    }
    rows.push(row);
  }
  const tried = rows.reduce((sum, row) => sum + row.bodies, 0);
  return { outcome: { check: 'body fuzzing', target: `POST/PUT × ${options.bodies} bodies`, tried, violations, detail: rows }, rows };
}
