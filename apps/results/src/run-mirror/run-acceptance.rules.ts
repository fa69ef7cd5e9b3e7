import type { RunRecord } from './run.repository';

/**
 * Whether a run takes measurements now: while RUNNING, or within the grace period after it
 * completed (a harness may still be flushing). `late` marks the second case: the run is re-judged.
 * A correction (`purpose: 'correction'`) of a completed run is taken with no time limit: until the
 * rack's option ends, which the caller checks (rule EVALUATION_CLOSED).
 */
export function measurementWindow(
  run: RunRecord,
  graceSeconds: number,
  now = new Date(),
  purpose: 'batch' | 'correction' = 'batch',
): { open: boolean; late: boolean } {
  const completed = run.state === 'COMPLETED' && run.endedAt !== null;
  const late = completed && (purpose === 'correction' || Date.parse(run.endedAt!) + graceSeconds * 1000 > now.getTime());
  return { open: run.state === 'RUNNING' || late, late };
}
