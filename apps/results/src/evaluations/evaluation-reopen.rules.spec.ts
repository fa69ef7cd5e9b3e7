import { ResultsError } from '../results.errors';
import { reopenedSuites } from './evaluation-reopen.rules';
import type { PlannedSuite, RunOutcome } from './rack-evaluation.rules';

const plan: PlannedSuite[] = [
  { key: 'burn-in', required: true, maxAttempts: 2 },
  { key: 'thermal-soak', required: true, maxAttempts: 1 },
  { key: 'fabric-bandwidth', required: false, maxAttempts: 1 },
];
const run = (suite: string, attempt: number, verdict: 'PASS' | 'FAIL'): RunOutcome => ({
  runId: `${suite}-${attempt}`,
  suite,
  attempt,
  state: 'COMPLETED',
  verdict,
});
const runs = [run('burn-in', 1, 'FAIL'), run('burn-in', 2, 'FAIL'), run('thermal-soak', 1, 'PASS')];

describe('re-open rules', () => {
  it('re-opens the failed suites of a FAILED evaluation with the extra attempts after the ones used', () => {
    const sut = reopenedSuites(plan, runs, { outcome: 'FAILED', failedSuites: ['burn-in'] }, { extraAttempts: 2 });
    expect(sut).toEqual([{ suite: 'burn-in', fromAttempt: 3, attemptLimit: 4 }]);
  });

  it('re-opens the required suites of a PASSED evaluation, each from its next attempt', () => {
    const sut = reopenedSuites(
      plan,
      [run('burn-in', 1, 'PASS'), run('thermal-soak', 1, 'PASS')],
      { outcome: 'PASSED', failedSuites: [] },
      { extraAttempts: 1 },
    );
    expect(sut).toEqual([
      { suite: 'burn-in', fromAttempt: 2, attemptLimit: 2 },
      { suite: 'thermal-soak', fromAttempt: 2, attemptLimit: 2 },
    ]);
  });

  it('takes the suites named, including one never run', () => {
    const sut = reopenedSuites(
      plan,
      runs,
      { outcome: 'FAILED', failedSuites: ['burn-in'] },
      { extraAttempts: 1, suites: ['fabric-bandwidth'] },
    );
    expect(sut).toEqual([{ suite: 'fabric-bandwidth', fromAttempt: 1, attemptLimit: 1 }]);
  });

  it('refuses a suite not in the plan, naming it (422)', () => {
    const sut = () =>
      reopenedSuites(plan, runs, { outcome: 'FAILED', failedSuites: ['burn-in'] }, { extraAttempts: 1, suites: ['burn-in', 'soak'] });
    expect(sut).toThrow(ResultsError);
    expect(sut).toThrow('suite(s) soak are not in the rack');
  });
});
