import { OptionState } from '@rackeval/contracts';
import { IntakeError, IntakeErrorCode } from '../../intake.errors';
import { RackEntity } from '../rack.entity';

/** Option states in which finance can still buy the rack (NOT_EXERCISABLE: with a waiver). */
const EXERCISABLE: readonly OptionState[] = ['EXERCISABLE', 'NOT_EXERCISABLE', 'PENDING_APPROVAL'];

/**
 * A rack is not returned while its option can still be exercised, with or without a waiver
 * (purchase-option's rule in decision.rules.ts; intake knows the state from OptionStateChanged).
 * A rack rejected at intake cannot be bought even with a waiver, and a withdrawn rack's option
 * ends with the withdrawal (purchase-option ends it on RackWithdrawn, which precedes the return).
 */
export function assertReturnable(rack: Pick<RackEntity, 'serial' | 'state' | 'withdrawnAt'>, option: OptionState | null): void {
  if (!option || rack.withdrawnAt || !EXERCISABLE.includes(option)) return;
  if (option === 'NOT_EXERCISABLE' && rack.state === 'REJECTED_AT_INTAKE') return;
  const how =
    option === 'NOT_EXERCISABLE' ? 'with a waiver' : option === 'PENDING_APPROVAL' ? 'an exercise awaits approval' : 'as it stands';
  throw new IntakeError(
    IntakeErrorCode.OPTION_STILL_EXERCISABLE,
    `rack ${rack.serial} is ${rack.state} but its purchase option is ${option}: finance can still buy it (${how}); ` +
      'it can be returned once the option is declined, lapses or the rack is withdrawn',
    [{ field: 'option.state', message: `option is ${option}` }],
  );
}

/** A withdrawal ends the option: refused once finance has bought the rack or while an exercise awaits approval. */
export function assertWithdrawable(rack: Pick<RackEntity, 'serial' | 'state'>, option: OptionState | null): void {
  if (option !== 'PENDING_APPROVAL' && option !== 'EXERCISED') return;
  const why = option === 'EXERCISED' ? 'finance has exercised it' : 'an exercise awaits a second approver; approve or reject it first';
  throw new IntakeError(
    IntakeErrorCode.OPTION_DECISION_TAKEN,
    `rack ${rack.serial} cannot be withdrawn: its purchase option is ${option} (${why})`,
    [{ field: 'option.state', message: `option is ${option}` }],
  );
}
