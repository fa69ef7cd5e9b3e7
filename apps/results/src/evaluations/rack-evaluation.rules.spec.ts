import { assessRack, PlannedSuite, RunOutcome } from './rack-evaluation.rules';

const plan: PlannedSuite[] = [
  { key: 'burn-in', required: true, maxAttempts: 2 },
  { key: 'thermal-soak', required: true, maxAttempts: 1 },
  { key: 'fabric-bandwidth', required: false, maxAttempts: 1 },
];
let seq = 0;
const run = (suite: string, attempt: number, state: RunOutcome['state'], verdict?: 'PASS' | 'FAIL'): RunOutcome => ({
  runId: `run-${++seq}`,
  suite,
  attempt,
  state,
  verdict,
});

describe('rack evaluation', () => {
  it('passes when every required suite has a passing run, whatever the optional suites did', () => {
    const sut = assessRack(plan, [
      run('burn-in', 1, 'COMPLETED', 'FAIL'),
      run('burn-in', 2, 'COMPLETED', 'PASS'),
      run('thermal-soak', 1, 'COMPLETED', 'PASS'),
      run('fabric-bandwidth', 1, 'ABORTED'),
    ]);
    expect(sut.outcome).toBe('PASSED');
    expect(sut.failedSuites).toEqual([]);
  });

  it('stays pending while a required suite has neither passed nor run out of attempts', () => {
    const sut = assessRack(plan, [run('burn-in', 1, 'COMPLETED', 'FAIL'), run('thermal-soak', 1, 'COMPLETED', 'PASS')]);
    expect(sut.outcome).toBe('PENDING');
    expect(sut.suites[0]).toMatchObject({ status: 'IN_PROGRESS', failedAttempts: 1, maxAttempts: 2 });
    expect(sut.suites[2].status).toBe('NOT_STARTED');
  });

  it('fails once a required suite has failed on its last attempt, aborts included', () => {
    const sut = assessRack(plan, [run('burn-in', 1, 'ABORTED'), run('burn-in', 2, 'COMPLETED', 'FAIL')]);
    expect(sut.outcome).toBe('FAILED');
    expect(sut.failedSuites).toEqual(['burn-in']);
    expect(sut.suites[0].decidingRunId).toBe(`run-${seq}`);
  });

  it('does not fail a one-attempt suite on a facility abort: an abort that left its attempt is no failed attempt', () => {
    const facilityTrip = { ...run('thermal-soak', 1, 'ABORTED'), attemptConsumed: false };
    const sut = assessRack(plan, [run('burn-in', 1, 'COMPLETED', 'PASS'), facilityTrip]);
    expect(sut.outcome).toBe('PENDING');
    expect(sut.suites[1]).toMatchObject({ status: 'IN_PROGRESS', failedAttempts: 0, maxAttempts: 1 });
    const retried = assessRack(plan, [run('burn-in', 1, 'COMPLETED', 'PASS'), facilityTrip, run('thermal-soak', 1, 'COMPLETED', 'PASS')]);
    expect(retried.outcome).toBe('PASSED');
  });

  it('fails a one-attempt suite on a DEVICE abort (it used the attempt)', () => {
    const sut = assessRack(plan, [run('burn-in', 1, 'COMPLETED', 'PASS'), { ...run('thermal-soak', 1, 'ABORTED'), attemptConsumed: true }]);
    expect(sut.outcome).toBe('FAILED');
    expect(sut.failedSuites).toEqual(['thermal-soak']);
  });

  it('does not fail on an optional suite out of attempts', () => {
    const sut = assessRack(plan, [run('fabric-bandwidth', 1, 'COMPLETED', 'FAIL')]);
    expect(sut.outcome).toBe('PENDING');
  });

  it('waits for a verdict before counting a completed run', () => {
    const sut = assessRack([{ key: 'burn-in', required: true, maxAttempts: 1 }], [run('burn-in', 1, 'COMPLETED')]);
    expect(sut.outcome).toBe('PENDING');
  });
});

describe('rack evaluation, all-optional plans and re-opened suites', () => {
  const optionalOnly: PlannedSuite[] = [
    { key: 'fabric-bandwidth', required: false, maxAttempts: 1 },
    { key: 'power-capping', required: false, maxAttempts: 2 },
  ];

  it('passes a plan with only optional suites once every suite is decided, failures included', () => {
    const sut = assessRack(optionalOnly, [run('fabric-bandwidth', 1, 'COMPLETED', 'FAIL'), run('power-capping', 1, 'COMPLETED', 'PASS')]);
    expect(sut.outcome).toBe('PASSED');
    expect(sut.failedSuites).toEqual([]);
  });

  it('keeps an all-optional plan pending while a suite is undecided', () => {
    const sut = assessRack(optionalOnly, [run('fabric-bandwidth', 1, 'COMPLETED', 'PASS'), run('power-capping', 1, 'COMPLETED', 'FAIL')]);
    expect(sut.outcome).toBe('PENDING');
  });

  it('re-decides a re-opened suite by its attempts from the re-open only', () => {
    const failedTwice = [
      run('burn-in', 1, 'COMPLETED', 'FAIL'),
      run('burn-in', 2, 'COMPLETED', 'FAIL'),
      run('thermal-soak', 1, 'COMPLETED', 'PASS'),
    ];
    expect(assessRack(plan, failedTwice).outcome).toBe('FAILED');
    const reopened = new Map([['burn-in', { fromAttempt: 3, attemptLimit: 3 }]]);
    const sut = assessRack(plan, failedTwice, reopened);
    expect(sut.outcome).toBe('PENDING');
    expect(sut.suites[0]).toMatchObject({ status: 'NOT_STARTED', maxAttempts: 3 });
    expect(assessRack(plan, [...failedTwice, run('burn-in', 3, 'COMPLETED', 'PASS')], reopened).outcome).toBe('PASSED');
    expect(assessRack(plan, [...failedTwice, run('burn-in', 3, 'COMPLETED', 'FAIL')], reopened).outcome).toBe('FAILED');
  });

  it('does not let a pass before the re-open decide a re-opened suite', () => {
    const passed = [run('burn-in', 1, 'COMPLETED', 'PASS'), run('thermal-soak', 1, 'COMPLETED', 'PASS')];
    const reopened = new Map([['burn-in', { fromAttempt: 2, attemptLimit: 3 }]]);
    const sut = assessRack(plan, passed, reopened);
    expect(sut.outcome).toBe('PENDING');
    expect(assessRack(plan, [...passed, run('burn-in', 2, 'ABORTED')], reopened).outcome).toBe('PENDING');
    expect(assessRack(plan, [...passed, run('burn-in', 2, 'ABORTED'), run('burn-in', 3, 'COMPLETED', 'FAIL')], reopened).outcome).toBe(
      'FAILED',
    );
  });

  it("names the deciding run's verdict revision when a correction re-judged it", () => {
    const rejudged = { ...run('burn-in', 1, 'COMPLETED', 'PASS'), verdictRevision: 2 };
    const sut = assessRack(plan, [rejudged, run('thermal-soak', 1, 'COMPLETED', 'PASS')]);
    expect(sut.suites[0]).toMatchObject({ decidingRunId: rejudged.runId, decidingVerdictRevision: 2 });
    expect(sut.suites[1].decidingVerdictRevision).toBeUndefined();
  });
});
