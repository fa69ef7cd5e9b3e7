/**
 * A running test run on a released rack of the fixture's generation (test plan, bay and criteria
 * published), so fuzzed measurements, corrections, OCPTV uploads and aborts reach a real run's
 * rules and tables instead of stopping at "no such run".
 */
import { eventually, RackevalSystem, ServiceName } from '@rackeval/testing';
import { send } from '../support/http';
import { Caller } from './callers';
import { FIXTURE_GENERATION } from './programme-fixture';

const PLAN = { suites: [{ key: 'burn-in', name: 'Burn-in', required: true, maxAttempts: 3, metrics: ['training_throughput'] }] };
const CRITERIA = {
  criteria: [{ metric: 'training_throughput', unit: 'tokens/s', comparator: 'gte', min: 3000, required: true, category: 'performance' }],
};
// The fixture's generation is air-cooled: its checklist has no coolant leak test (intake refuses one).
const CHECKS = ['shock-tilt-indicators', 'visual-damage', 'power-on-self-test'].map((name) => ({ name, passed: true }));

/** The id of a RUNNING run on `serial` (a RECEIVED rack of the fixture). */
export async function startFixtureRun(system: RackevalSystem, callers: Caller[], serial: string): Promise<string> {
  const token = (role: string) => callers.find((caller) => caller.role === role)!.token!;
  const call = (service: ServiceName, method: string, path: string, role: string, body?: unknown) => async () => {
    const answer = await send(method, `${system.url(service)}${path}`, {
      token: token(role),
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: answer.status, body: answer.text ? answer.json<{ id?: string }>() : {} };
  };
  // Each service learns of the generation and the rack from intake's events: retried until it has.
  await eventually('fixture test plan', call('test-run', 'PUT', `/v1/test-plans/${FIXTURE_GENERATION}`, 'admin', PLAN), 200);
  await eventually('fixture criteria', call('results', 'PUT', `/v1/criteria/${FIXTURE_GENERATION}`, 'admin', CRITERIA), 200);
  await eventually('fixture bay', call('test-run', 'POST', '/v1/bays', 'admin', { code: 'SEC-BAY-1', site: 'US-TX-1' }), 201);
  await eventually(
    'fixture rack released',
    call('intake', 'POST', `/v1/racks/${serial}/inspections`, 'intake', { checks: CHECKS, outcome: 'ACCEPTED' }),
    201,
  );
  const run = await eventually(
    'fixture run scheduled',
    call('test-run', 'POST', '/v1/runs', 'test-engineer', { rackSerial: serial, suite: 'burn-in', bay: 'SEC-BAY-1' }),
    201,
  );
  await eventually('fixture run started', call('test-run', 'POST', `/v1/runs/${run.id}/start`, 'test-engineer'), 200);
  return String(run.id);
}
