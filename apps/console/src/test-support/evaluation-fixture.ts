import type { RackEvaluation } from '../api';

type Verdict = RackEvaluation['verdicts'][number];
type Restart = RackEvaluation['restarts'][number];

/** One verdict revision of a rack's evaluation: a PASSED one met all three criteria, any other failed burn-in. */
export const verdictFixture = (incarnation: number, revision: number, outcome: Verdict['outcome'], concludedAt: string): Verdict => ({
  incarnation,
  revision,
  outcome,
  criteriaMet: outcome === 'PASSED' ? 3 : 1,
  criteriaTotal: 3,
  failedSuites: outcome === 'PASSED' ? [] : ['burn-in'],
  concludedAt,
});

/** The unit came back repaired from RMA-2026-0042 as incarnation 2, after incarnation 1 came to FAILED (revision 1). */
export const rmaRestartFixture: Restart = {
  incarnation: 2,
  previousIncarnation: 1,
  previousStatus: 'CONCLUDED',
  previousOutcome: 'FAILED',
  previousRevision: 1,
  rmaId: '4a1c2b3d-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
  rmaNumber: 'RMA-2026-0042',
  kind: 'REPAIRED',
  reason: 'returned from RMA RMA-2026-0042 as incarnation 2 (repaired)',
  actor: 'ines',
  returnedAt: '2026-12-14T10:30:00.000Z',
};

/**
 * A rack's evaluation as results' GET /v1/racks/{serial}/evaluation returns it: by default
 * RK-G1-0007's first incarnation, concluded FAILED at revision 1 (one verdict, burn-in failed);
 * `change` sets the rest.
 */
export const evaluationFixture = (change: Partial<RackEvaluation>): RackEvaluation =>
  ({
    rackSerial: 'RK-G1-0007',
    generation: 'G1',
    incarnation: 1,
    outcome: 'FAILED',
    status: 'CONCLUDED',
    revision: 1,
    failedSuites: [],
    suites: [],
    criteriaMet: 1,
    criteriaTotal: 3,
    verdicts: [verdictFixture(1, 1, 'FAILED', '2026-11-29T10:00:00.000Z')],
    reopenings: [],
    restarts: [],
    diagnosisCriteria: [],
    ...change,
  }) as RackEvaluation;
