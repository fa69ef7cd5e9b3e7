import type { Run } from '../api';

/** A completed burn-in run of RK-G1-0007's first incarnation (attempt 1 of 1); `change` makes it another. */
export function runFixture(change: Partial<Run> = {}): Run {
  return {
    id: '0d9b1e8e-6a53-4b8e-9f0e-2f1c5a7d9e01',
    state: 'COMPLETED',
    rackSerial: 'RK-G1-0007',
    generation: 'G1',
    suite: 'burn-in',
    suiteName: 'Burn-in',
    incarnation: 1,
    attempt: 1,
    maxAttempts: 1,
    required: true,
    planVersion: 1,
    metrics: [],
    bay: 'BAY-01',
    site: 'PHX-1',
    version: 3,
    scheduledAt: '2026-11-21T09:00:00.000Z',
    scheduledBy: 'olga',
    startedAt: '2026-11-21T09:05:00.000Z',
    startedBy: 'olga',
    completedAt: '2026-11-22T09:05:00.000Z',
    completedBy: 'olga',
    abortedAt: null,
    abortedBy: null,
    abortReason: null,
    abortCause: null,
    attemptConsumed: true,
    ...change,
  };
}

/** The same suite's run of the unit back from RMA-2026-0042 as incarnation 2: its attempts count from 1 again. */
export const secondIncarnationRunFixture = (change: Partial<Run> = {}): Run =>
  runFixture({
    id: '5c3f7a21-9b0d-4e6a-8f12-7d4e9c1b2a03',
    incarnation: 2,
    state: 'SCHEDULED',
    version: 1,
    scheduledAt: '2026-12-15T09:00:00.000Z',
    startedAt: null,
    startedBy: null,
    completedAt: null,
    completedBy: null,
    ...change,
  });
