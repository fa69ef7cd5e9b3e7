import { RACK_STATES, RackState } from '@rackeval/contracts';
import { IntakeError } from '../intake.errors';
import { RACK_TRANSITIONS, RackAction, RackStateMachine } from './rack.state-machine';

describe('RackStateMachine', () => {
  const sut = RackStateMachine;

  it.each<[RackState, RackAction, RackState]>([
    ['RECEIVED', 'inspect-accept', 'RELEASED_FOR_EVALUATION'],
    ['RECEIVED', 'inspect-quarantine', 'QUARANTINED'],
    ['RECEIVED', 'inspect-reject', 'REJECTED_AT_INTAKE'],
    ['QUARANTINED', 'inspect-accept', 'RELEASED_FOR_EVALUATION'],
    ['QUARANTINED', 'inspect-quarantine', 'QUARANTINED'],
    ['QUARANTINED', 'inspect-reject', 'REJECTED_AT_INTAKE'],
    ['RELEASED_FOR_EVALUATION', 'start-evaluation', 'IN_EVALUATION'],
    ['IN_EVALUATION', 'pass-evaluation', 'EVALUATION_PASSED'],
    ['IN_EVALUATION', 'fail-evaluation', 'EVALUATION_FAILED'],
    ['EVALUATION_PASSED', 'reopen-evaluation', 'IN_EVALUATION'],
    ['EVALUATION_FAILED', 'reopen-evaluation', 'IN_EVALUATION'],
    ['EVALUATION_PASSED', 'exercise-option', 'PURCHASED'],
    ['EVALUATION_FAILED', 'exercise-option', 'PURCHASED'],
    ['AWAITING_RETURN', 'exercise-after-withdrawal', 'PURCHASED'],
    ['EVALUATION_PASSED', 'end-option', 'AWAITING_RETURN'],
    ['EVALUATION_FAILED', 'end-option', 'AWAITING_RETURN'],
    ['REJECTED_AT_INTAKE', 'return', 'RETURNED'],
    ['EVALUATION_FAILED', 'return', 'RETURNED'],
    ['AWAITING_RETURN', 'return', 'RETURNED'],
    ['RECEIVED', 'decline-before-verdict', 'AWAITING_RETURN'],
    ['QUARANTINED', 'decline-before-verdict', 'AWAITING_RETURN'],
    ['RELEASED_FOR_EVALUATION', 'decline-before-verdict', 'AWAITING_RETURN'],
    ['IN_EVALUATION', 'decline-before-verdict', 'AWAITING_RETURN'],
    ['RECEIVED', 'hold', 'ON_HOLD'],
    ['QUARANTINED', 'hold', 'ON_HOLD'],
    ['RELEASED_FOR_EVALUATION', 'hold', 'ON_HOLD'],
    ['IN_EVALUATION', 'hold', 'ON_HOLD'],
    ['RELEASED_FOR_EVALUATION', 'withdraw', 'AWAITING_RETURN'],
    ['IN_EVALUATION', 'withdraw', 'AWAITING_RETURN'],
    ['ON_HOLD', 'withdraw', 'AWAITING_RETURN'],
    ['EVALUATION_PASSED', 'withdraw', 'AWAITING_RETURN'],
    ['EVALUATION_FAILED', 'withdraw', 'AWAITING_RETURN'],
    ['AWAITING_RETURN', 'ship-for-rma', 'RETURNED_FOR_RMA'],
    ['RETURNED_FOR_RMA', 'return-from-rma', 'RECEIVED'],
    ['RETURNED_FOR_RMA', 'replace-under-rma', 'RETURNED'],
  ])('%s --%s--> %s', (from, action, to) => {
    expect(sut.transition('RK-1', from, action)).toBe(to);
  });

  it('allows nothing else: every other (state, action) pair is refused', () => {
    const allowed = Object.values(RACK_TRANSITIONS).reduce((n, rule) => n + rule.from.length, 0);
    const refused = RACK_STATES.flatMap((state) =>
      (Object.keys(RACK_TRANSITIONS) as RackAction[]).filter((action) => !sut.canApply(state, action)),
    );
    expect(allowed).toBe(36);
    expect(refused).toHaveLength(RACK_STATES.length * Object.keys(RACK_TRANSITIONS).length - allowed);
  });

  it('leaves PURCHASED and RETURNED by no action at all', () => {
    for (const action of Object.keys(RACK_TRANSITIONS) as RackAction[]) {
      expect(sut.canApply('PURCHASED', action)).toBe(false);
      expect(sut.canApply('RETURNED', action)).toBe(false);
    }
  });

  it('leaves RETURNED_FOR_RMA only when the unit comes back: received again under its serial, or returned when replaced by a new serial', () => {
    const actions = Object.keys(RACK_TRANSITIONS) as RackAction[];
    expect(actions.filter((action) => sut.canApply('RETURNED_FOR_RMA', action))).toEqual(['return-from-rma', 'replace-under-rma']);
    expect(RACK_STATES.filter((state) => sut.canApply(state, 'return-from-rma'))).toEqual(['RETURNED_FOR_RMA']);
    expect(RACK_STATES.filter((state) => sut.canApply(state, 'replace-under-rma'))).toEqual(['RETURNED_FOR_RMA']);
    expect(() => sut.transition('RK-1', 'RECEIVED', 'return-from-rma')).toThrow(
      'rack RK-1 is RECEIVED; receiving back from an RMA is allowed only for a rack RETURNED_FOR_RMA',
    );
  });

  it('ships only a rack awaiting return under an RMA, naming the rack and its state otherwise', () => {
    expect(RACK_STATES.filter((state) => sut.canApply(state, 'ship-for-rma'))).toEqual(['AWAITING_RETURN']);
    expect(() => sut.transition('RK-1', 'EVALUATION_FAILED', 'ship-for-rma')).toThrow(
      'rack RK-1 is EVALUATION_FAILED; shipping to the manufacturer under an RMA is allowed only for a rack AWAITING_RETURN',
    );
  });

  it.each(['RECEIVED', 'QUARANTINED', 'RELEASED_FOR_EVALUATION', 'IN_EVALUATION'] as const)(
    'releases a hold back to the state it was held from (%s)',
    (heldFrom) => {
      expect(sut.transition('RK-1', 'ON_HOLD', 'release-hold', heldFrom)).toBe(heldFrom);
    },
  );

  it('releases a hold to where facts during the hold led the rack (a verdict reached while held)', () => {
    expect(sut.transition('RK-1', 'ON_HOLD', 'release-hold', 'EVALUATION_PASSED')).toBe('EVALUATION_PASSED');
  });

  it('refuses a hold after the verdict, a second hold, and a release of a rack not on hold, naming the rule', () => {
    expect(() => sut.transition('RK-1', 'EVALUATION_PASSED', 'hold')).toThrow(
      'rack RK-1 is EVALUATION_PASSED; putting on hold is allowed only before the evaluation verdict (RECEIVED, QUARANTINED, RELEASED_FOR_EVALUATION, IN_EVALUATION)',
    );
    expect(() => sut.transition('RK-1', 'ON_HOLD', 'hold')).toThrow(IntakeError);
    expect(() => sut.transition('RK-1', 'IN_EVALUATION', 'release-hold')).toThrow(
      'rack RK-1 is IN_EVALUATION; releasing a hold is allowed only for a rack ON_HOLD',
    );
  });

  it('refuses to withdraw a rack never released, already bought or on its way back', () => {
    for (const state of ['RECEIVED', 'QUARANTINED', 'REJECTED_AT_INTAKE', 'PURCHASED', 'AWAITING_RETURN', 'RETURNED'] as const) {
      expect(sut.canApply(state, 'withdraw')).toBe(false);
    }
  });

  it('lets a held rack do nothing but be released or withdrawn (no inspection, run start, verdict or return)', () => {
    const allowed = (Object.keys(RACK_TRANSITIONS) as RackAction[]).filter((action) => sut.canApply('ON_HOLD', action));
    expect(allowed.sort()).toEqual(['release-hold', 'withdraw']);
  });

  it('refuses an illegal transition with a 409 naming the rack, its state and the rule', () => {
    const refusal = () => sut.transition('RK-001', 'IN_EVALUATION', 'return');
    expect(refusal).toThrow(IntakeError);
    expect(refusal).toThrow('rack RK-001 is IN_EVALUATION; return is allowed only after rejection, failure, decline or lapse');
    try {
      refusal();
    } catch (error) {
      expect(error).toMatchObject({ code: 'ILLEGAL_TRANSITION', kind: 'conflict' });
    }
  });
});
