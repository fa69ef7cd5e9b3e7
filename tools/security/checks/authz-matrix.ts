/**
 * The operation × caller matrix: every operation of every OpenAPI document, called by one user of
 * each role and with each forged or broken token, on each service directly and through the gateway.
 * A caller the policy refuses must get 401 or 403 (any other answer means the request got past
 * authorisation); a caller it allows must not be refused by the guard, and nobody gets a 5xx.
 */
import { randomUUID } from 'node:crypto';
import { POLICY, PolicyService, Rule, throughGateway } from '../policy/policy-table';
import { OpenApiDocument, OpenApiOperation, operationsOf } from '../policy/route-inventory';
import { Answer, pool, send } from '../support/http';
import { CheckOutcome, curl, Violation } from '../support/outcome';
import { Caller } from './callers';

export interface MatrixTarget {
  service: PolicyService;
  via: 'direct' | 'gateway';
  baseUrl: string;
}

export interface MatrixRow extends MatrixTarget {
  operations: number;
  allowed: number;
  denied: number;
  violations: Violation[];
}

const SAMPLE_PARAMETERS: Record<string, string> = {
  serial: 'SEC-NONE-0001',
  rackSerial: 'SEC-NONE-0001',
  generation: 'GSEC',
  version: '1',
};
const SAMPLE_BODIES: Record<string, string> = { 'application/json': '{}', 'text/csv': 'reference,site\n', 'application/x-ndjson': '{}\n' };
/** The guard's own refusals; a 403 with a domain code (e.g. FOUR_EYES_RULE) comes from a rule after authorisation. */
const GUARD_CODES = new Set(['UNAUTHENTICATED', 'FORBIDDEN']);

/** A request that reaches the operation: path parameters from `parameters` or samples, an empty body of its media type. */
export function requestFor(
  operation: OpenApiOperation,
  parameters: Record<string, string> = {},
): { path: string; body?: string; contentType?: string } {
  const path = operation.path.replace(/\{(\w+)\}/g, (_, name: string) =>
    encodeURIComponent(parameters[name] ?? SAMPLE_PARAMETERS[name] ?? randomUUID()),
  );
  const contentType = Object.keys(operation.operation.requestBody?.content ?? {})[0];
  if (!contentType && operation.method === 'GET') return { path };
  return { path, body: SAMPLE_BODIES[contentType ?? 'application/json'] ?? '{}', contentType: contentType ?? 'application/json' };
}

export function mayCall(rule: Rule, caller: Caller): boolean {
  if (rule === 'public') return true;
  if (rule === 'ticket') return false; // a token alone never opens the stream
  if (rule === 'any-token') return Boolean(caller.role || caller.roleless);
  return caller.role !== undefined && rule.includes(caller.role);
}

const guardRefused = (answer: Answer) => {
  if (answer.status === 401) return true;
  if (answer.status !== 403) return false;
  try {
    return GUARD_CODES.has(String(answer.json()?.code));
  } catch {
    return true;
  }
};

/** Per caller and route (direct or through the gateway): requests sent and how many broke the policy. */
export type CallerTally = Map<string, { direct: number; gateway: number; violations: number }>;

export async function runMatrix(
  targets: MatrixTarget[],
  documents: Record<PolicyService, OpenApiDocument>,
  callers: Caller[],
): Promise<{ outcome: CheckOutcome; rows: MatrixRow[]; tally: CallerTally }> {
  const rows: MatrixRow[] = [];
  const tally: CallerTally = new Map(callers.map((caller) => [caller.name, { direct: 0, gateway: 0, violations: 0 }]));
  for (const target of targets) {
    const operations = operationsOf(documents[target.service]);
    const row: MatrixRow = { ...target, operations: operations.length, allowed: 0, denied: 0, violations: [] };
    const cases = operations.flatMap((operation) => callers.map((caller) => ({ operation, caller })));
    await pool(cases, 6, async ({ operation, caller }) => {
      const own = POLICY[target.service][operation.key];
      if (!own) return; // reported by the policy coverage check
      const rule = target.via === 'gateway' ? throughGateway(own) : own;
      const request = requestFor(operation);
      const url = `${target.baseUrl}${request.path}`;
      const answer = await send(operation.method, url, { token: caller.token, body: request.body, contentType: request.contentType });
      const allowed = mayCall(rule, caller);
      if (allowed) row.allowed++;
      else row.denied++;
      const where = `${target.service} (${target.via}) ${operation.key} as ${caller.name}`;
      const counts = tally.get(caller.name)!;
      counts[target.via]++;
      const before = row.violations.length;
      const reproduce = curl(operation.method, url, caller.token ? caller.name : undefined, request.body, request.contentType);
      if (answer.status >= 500) row.violations.push({ what: `${where}: ${answer.status} ${answer.text.slice(0, 160)}`, reproduce });
      else if (!allowed && answer.status !== 401 && answer.status !== 403) {
        row.violations.push({ what: `${where}: unauthorised success, ${answer.status} where the policy refuses (401/403)`, reproduce });
      } else if (allowed && guardRefused(answer))
        row.violations.push({ what: `${where}: refused (${answer.status}) although the policy allows it`, reproduce });
      counts.violations += row.violations.length - before;
    });
    rows.push(row);
  }
  const violations = rows.flatMap((row) => row.violations);
  const tried = rows.reduce((sum, row) => sum + row.allowed + row.denied, 0);
  const outcome = { check: 'authorisation matrix', target: `every route × ${callers.length} callers`, tried, violations, detail: rows };
  return { outcome, rows, tally };
}
