import { Op } from '../workload/history';
import { RackPlan } from '../workload/rack-chain';

export interface RackStates {
  intake?: string;
  option?: string;
  evaluation?: string;
}

type Outcome = 'ok' | 'fail' | 'unknown' | undefined;

/** Each acceptable end of a race: the option's state with intake's state beside it. */
const EXERCISED = { option: 'EXERCISED', intake: 'PURCHASED' };
const LAPSED = { option: 'LAPSED', intake: 'AWAITING_RETURN' };
const DECLINED = { option: 'DECLINED', intake: 'AWAITING_RETURN' };

/**
 * What a race must end in, given what the client was told: whichever side won, the option ends
 * once, intake agrees with it, and an acknowledged command is never undone by the loser.
 */
function allowedEnds(rack: RackPlan, outcome: (f: string) => Outcome): Array<{ option: string; intake: string }> | undefined {
  switch (rack.race) {
    case 'verdict-vs-decline':
      return outcome('complete') === 'ok' && outcome('decline') === 'ok' ? [DECLINED] : undefined;
    case 'exercise-vs-lapse': {
      if (outcome('complete') !== 'ok') return undefined;
      const exercise = outcome('exercise');
      if (exercise === 'ok') return [EXERCISED];
      if (exercise === 'unknown') return [EXERCISED, LAPSED];
      // Refused, or never sent because the option lapsed first: a zero-day window must lapse.
      return [LAPSED];
    }
    case 'approve-vs-approve':
      return outcome('approve-1') === 'ok' || outcome('approve-2') === 'ok' ? [EXERCISED] : undefined;
    default:
      return undefined;
  }
}

export function raceFindings(rack: RackPlan, ops: Op[], states: RackStates): string[] {
  const outcome = (f: string) => ops.find((op) => op.f === f && op.type !== 'invoke')?.type as Outcome;
  const ends = allowedEnds(rack, outcome);
  if (!ends) return [];
  const findings: string[] = [];
  if (!ends.some((end) => end.option === states.option && end.intake === states.intake)) {
    const expected = ends.map((end) => `${end.option}/${end.intake}`).join(' or ');
    findings.push(
      `${rack.serial} (${rack.race}): option/intake ${states.option ?? 'missing'}/${states.intake ?? 'missing'}, expected ${expected}`,
    );
  }
  if (states.evaluation !== 'PASSED')
    findings.push(`${rack.serial} (${rack.race}): results evaluation ${states.evaluation ?? 'missing'}, expected PASSED`);
  return findings;
}
