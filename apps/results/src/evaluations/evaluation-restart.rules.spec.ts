import type { EvaluationHead } from './evaluation.repository';
import { restartOf } from './evaluation-restart.rules';

const returned = {
  incarnation: 2,
  rmaId: '7d0c5a4e-1f7b-4a53-9a57-0c1f0c7c9b10',
  rmaNumber: 'RMA-2026-0042',
  kind: 'REPAIRED' as const,
  receivedAt: '2026-11-30T10:00:00.000Z',
  actor: 'ines',
};
const failed: EvaluationHead = {
  generation: 'G2',
  incarnation: 1,
  concluded: {
    rackSerial: 'RK-1',
    generation: 'G2',
    incarnation: 1,
    outcome: 'FAILED',
    concludedAt: '2026-11-20T10:00:00.000Z',
    failedSuites: ['burn-in'],
    summary: { criteriaMet: 2, criteriaTotal: 3 },
    revision: 2,
    status: 'CONCLUDED',
  },
};

describe('evaluation restart on a return from an RMA', () => {
  it('starts a later incarnation afresh, keeping what the earlier one came to and saying why', () => {
    const sut = restartOf(failed, returned);
    expect(sut).toEqual({
      incarnation: 2,
      previousIncarnation: 1,
      previousStatus: 'CONCLUDED',
      previousOutcome: 'FAILED',
      previousRevision: 2,
      rmaId: returned.rmaId,
      rmaNumber: 'RMA-2026-0042',
      kind: 'REPAIRED',
      reason: 'returned from RMA RMA-2026-0042 as incarnation 2 (repaired)',
      actor: 'ines',
      returnedAt: returned.receivedAt,
    });
  });

  it('restarts an evaluation that never reached a verdict, or that was re-opened, saying which', () => {
    expect(restartOf(undefined, returned)).toMatchObject({ previousIncarnation: 1, previousStatus: 'PENDING', previousOutcome: null });
    expect(restartOf({ generation: 'G2', incarnation: 2 }, { ...returned, incarnation: 3 })).toMatchObject({
      previousIncarnation: 2,
      previousStatus: 'PENDING',
      previousRevision: null,
    });
    const reopened = { ...failed, concluded: { ...failed.concluded!, status: 'REOPENED' as const } };
    expect(restartOf(reopened, returned)).toMatchObject({ previousStatus: 'REOPENED', previousOutcome: 'FAILED' });
  });

  it('changes nothing for a return of the incarnation already evaluated or an earlier one', () => {
    expect(restartOf({ generation: 'G2', incarnation: 2 }, returned)).toBeUndefined();
    expect(restartOf({ ...failed, incarnation: 3 }, returned)).toBeUndefined();
  });
});
