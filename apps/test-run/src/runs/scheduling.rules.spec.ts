import { TestRunError, TestRunErrorCode } from '../test-run.errors';
import { decideSchedule as sut, SchedulingFacts } from './scheduling.rules';

const burnIn = { key: 'burn-in', name: 'Burn-in', required: true, maxAttempts: 2, metrics: ['gpu_temp_max'] };
const thermal = { key: 'thermal-soak', name: 'Thermal soak', required: false, maxAttempts: 1, metrics: [] };

const facts = (overrides: Partial<SchedulingFacts> = {}): SchedulingFacts => ({
  request: { rackSerial: 'RK-1', suite: 'burn-in', bay: 'BAY-1' },
  rack: { generation: 'G1', state: 'RELEASED_FOR_EVALUATION' },
  rackActiveRun: null,
  bay: { code: 'BAY-1', site: 'PDX-1' },
  bayActiveRun: null,
  plan: { version: 3, suites: [burnIn, thermal] },
  attemptsSoFar: 0,
  ...overrides,
});

function refusal(input: SchedulingFacts): TestRunError {
  try {
    sut(input);
  } catch (error) {
    if (error instanceof TestRunError) return error;
    throw error;
  }
  throw new Error('expected the schedule to be refused');
}

describe('scheduling rules', () => {
  it('schedules attempt 1 under the current plan version, in the bay site', () => {
    expect(sut(facts())).toEqual({ generation: 'G1', site: 'PDX-1', planVersion: 3, suite: burnIn, incarnation: 1, attempt: 1 });
  });

  it('schedules a rack returned from an RMA for its current incarnation, attempts numbered within it', () => {
    const returned = { generation: 'G1', state: 'RELEASED_FOR_EVALUATION' as const, incarnation: 2 };
    expect(sut(facts({ rack: returned, attemptsSoFar: 0 }))).toMatchObject({ incarnation: 2, attempt: 1 });
    expect(sut(facts({ rack: returned, attemptsSoFar: 1 }))).toMatchObject({ incarnation: 2, attempt: 2 });
  });

  it('refuses a rack on hold with a 409 naming the hold and its reason', () => {
    const error = refusal(facts({ rack: { generation: 'G1', state: 'ON_HOLD', holdReason: 'coolant manifold crack' } }));
    expect([error.code, error.kind, error.message]).toEqual([
      TestRunErrorCode.RACK_ON_HOLD,
      'conflict',
      'rack RK-1 is on hold at intake (coolant manifold crack); runs can be scheduled once the hold is released',
    ]);
    expect(error.details).toEqual([{ field: 'rackSerial', message: 'rack is ON_HOLD' }]);
  });

  it('numbers the next attempt after the attempts used so far (DEVICE aborts included)', () => {
    expect(sut(facts({ attemptsSoFar: 1 })).attempt).toBe(2);
  });

  it('schedules a rack already in evaluation', () => {
    expect(sut(facts({ rack: { generation: 'G1', state: 'IN_EVALUATION' } })).attempt).toBe(1);
  });

  it('refuses a rack test-run has not heard of', () => {
    const error = refusal(facts({ rack: null }));
    expect([error.code, error.message]).toEqual([TestRunErrorCode.UNKNOWN_RACK, expect.stringContaining('rack RK-1 is unknown')]);
  });

  it.each(['RECEIVED', 'QUARANTINED', 'REJECTED_AT_INTAKE', 'EVALUATION_PASSED', 'EVALUATION_FAILED', 'RETURNED', 'PURCHASED'] as const)(
    'refuses a rack that is %s',
    (state) => {
      const error = refusal(facts({ rack: { generation: 'G1', state } }));
      expect(error.code).toBe(TestRunErrorCode.RACK_NOT_RELEASED);
      expect(error.message).toContain(`rack RK-1 is ${state}; runs can be scheduled only for racks released for evaluation`);
    },
  );

  it('refuses a rack already in an active run, naming the run', () => {
    const error = refusal(facts({ rackActiveRun: { id: 'run-9', state: 'RUNNING', suite: 'thermal-soak', bay: 'BAY-2' } }));
    expect(error.code).toBe(TestRunErrorCode.RACK_HAS_ACTIVE_RUN);
    expect(error.message).toContain('already in active run run-9');
  });

  it('refuses an unknown bay', () => {
    expect(refusal(facts({ bay: null })).code).toBe(TestRunErrorCode.UNKNOWN_BAY);
  });

  it('refuses a bay holding an active run, naming the run and its rack', () => {
    const error = refusal(facts({ bayActiveRun: { id: 'run-7', state: 'SCHEDULED', rackSerial: 'RK-2' } }));
    expect(error.code).toBe(TestRunErrorCode.BAY_OCCUPIED);
    expect(error.message).toContain('bay BAY-1 holds active run run-7 of rack RK-2');
  });

  it('refuses when the generation has no plan', () => {
    expect(refusal(facts({ plan: null })).code).toBe(TestRunErrorCode.NO_TEST_PLAN);
  });

  it('refuses a suite missing from the current plan, listing the plan suites', () => {
    const error = refusal(facts({ request: { rackSerial: 'RK-1', suite: 'fabric-bandwidth', bay: 'BAY-1' } }));
    expect(error.code).toBe(TestRunErrorCode.SUITE_NOT_IN_PLAN);
    expect(error.message).toContain('suite fabric-bandwidth is not in version 3');
    expect(error.message).toContain('burn-in, thermal-soak');
  });

  it('refuses once attempts reach maxAttempts', () => {
    const error = refusal(facts({ attemptsSoFar: 2 }));
    expect(error.code).toBe(TestRunErrorCode.ATTEMPTS_EXHAUSTED);
    expect(error.message).toContain('used 2 of 2 attempts at suite burn-in; DEVICE aborts count');
  });

  it('names the incarnation whose attempts are used up for a rack returned from an RMA', () => {
    const error = refusal(facts({ rack: { generation: 'G1', state: 'IN_EVALUATION', incarnation: 2 }, attemptsSoFar: 2 }));
    expect(error.code).toBe(TestRunErrorCode.ATTEMPTS_EXHAUSTED);
    expect(error.message).toContain('used 2 of 2 attempts at suite burn-in in its incarnation 2;');
  });

  it("allows a re-opened evaluation's extra attempts in place of maxAttempts, and no more", () => {
    expect(sut(facts({ rack: { generation: 'G1', state: 'IN_EVALUATION' }, attemptsSoFar: 2, attemptLimit: 3 })).attempt).toBe(3);
    const error = refusal(facts({ attemptsSoFar: 3, attemptLimit: 3 }));
    expect(error.code).toBe(TestRunErrorCode.ATTEMPTS_EXHAUSTED);
    expect(error.message).toContain('used 3 of 3 attempts at suite burn-in (the limit of its re-opened evaluation)');
  });

  it('checks the rack before the bay and the bay before the plan', () => {
    expect(refusal(facts({ rack: null, bay: null, plan: null })).code).toBe(TestRunErrorCode.UNKNOWN_RACK);
    expect(refusal(facts({ bay: null, plan: null })).code).toBe(TestRunErrorCode.UNKNOWN_BAY);
  });
});
