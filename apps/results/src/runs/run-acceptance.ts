import type { RunRecord } from './run.repository';

/**
 * Whether a run takes measurements now: while RUNNING, or within the grace period after it
 * completed (a harness may still be flushing). `late` marks the second case: the run is re-judged.
 */
export function measurementWindow(run: RunRecord, graceSeconds: number, now = new Date()): { open: boolean; late: boolean } {
  const late = run.state === 'COMPLETED' && run.endedAt !== null && Date.parse(run.endedAt) + graceSeconds * 1000 > now.getTime();
  return { open: run.state === 'RUNNING' || late, late };
}
