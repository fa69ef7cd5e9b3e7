import { measurementWindow as sut } from './run-acceptance.rules';
import type { RunRecord } from './run.repository';

const completedAt = '2026-11-29T10:00:00.000Z';
const run = (state: RunRecord['state']): RunRecord => ({
  runId: 'r',
  rackSerial: 'RK-1',
  generation: 'G1',
  suite: 'burn-in',
  attempt: 1,
  incarnation: 1,
  maxAttempts: 1,
  required: true,
  planVersion: 1,
  metrics: [],
  state,
  criteriaVersion: 1,
  startedAt: null,
  endedAt: state === 'RUNNING' ? null : completedAt,
  rowVersion: 1,
});
const later = (seconds: number) => new Date(Date.parse(completedAt) + seconds * 1000);

describe('measurement window', () => {
  it('takes batches while running and within the grace period after completion (late: re-judged)', () => {
    expect(sut(run('RUNNING'), 300, later(0))).toEqual({ open: true, late: false });
    expect(sut(run('COMPLETED'), 300, later(299))).toEqual({ open: true, late: true });
    expect(sut(run('COMPLETED'), 300, later(301))).toEqual({ open: false, late: false });
  });

  it('takes corrections of a completed run with no time limit (the option ending closes it, checked by the caller)', () => {
    expect(sut(run('COMPLETED'), 300, later(86_400 * 30), 'correction')).toEqual({ open: true, late: true });
  });

  it('never takes measurements of an aborted run', () => {
    expect(sut(run('ABORTED'), 300, later(1), 'correction').open).toBe(false);
  });
});
