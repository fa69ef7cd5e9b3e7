import type { RackReturnedFromRmaV1 } from '@rackeval/contracts';
import type { EvaluationHead } from './evaluation.repository';
import type { RestartRecord } from './evaluation-history.repository';

/**
 * What a rack's return from an RMA does to its evaluation. A return as a later incarnation than
 * the evaluation is at starts it again: whatever the current evaluation had come to (no verdict,
 * a verdict, a re-opened verdict) is kept as history, said as "returned from RMA N as incarnation k".
 * A return for the incarnation the evaluation is already at, or an earlier one (a replay, or a
 * return that arrived after a later one), changes nothing: undefined.
 */
export function restartOf(
  head: EvaluationHead | undefined,
  returned: Pick<RackReturnedFromRmaV1, 'incarnation' | 'rmaId' | 'rmaNumber' | 'kind' | 'receivedAt' | 'actor'>,
): RestartRecord | undefined {
  const previousIncarnation = head?.incarnation ?? 1;
  if (returned.incarnation <= previousIncarnation) return undefined;
  const concluded = head?.concluded;
  return {
    incarnation: returned.incarnation,
    previousIncarnation,
    previousStatus: concluded?.status ?? 'PENDING',
    previousOutcome: concluded?.outcome ?? null,
    previousRevision: concluded?.revision ?? null,
    rmaId: returned.rmaId,
    rmaNumber: returned.rmaNumber,
    kind: returned.kind,
    reason: `returned from RMA ${returned.rmaNumber} as incarnation ${returned.incarnation} (${returned.kind.toLowerCase()})`,
    actor: returned.actor,
    returnedAt: returned.receivedAt,
  };
}
