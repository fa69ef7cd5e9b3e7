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
    ['EVALUATION_PASSED', 'exercise-option', 'PURCHASED'],
    ['EVALUATION_FAILED', 'exercise-option', 'PURCHASED'],
    ['EVALUATION_PASSED', 'end-option', 'AWAITING_RETURN'],
    ['EVALUATION_FAILED', 'end-option', 'AWAITING_RETURN'],
    ['REJECTED_AT_INTAKE', 'return', 'RETURNED'],
    ['EVALUATION_FAILED', 'return', 'RETURNED'],
    ['AWAITING_RETURN', 'return', 'RETURNED'],
  ])('%s --%s--> %s', (from, action, to) => {
    expect(sut.transition('RK-1', from, action)).toBe(to);
  });

  it('allows nothing else: every other (state, action) pair is refused', () => {
    const allowed = Object.values(RACK_TRANSITIONS).reduce((n, rule) => n + rule.from.length, 0);
    const refused = RACK_STATES.flatMap((state) => (Object.keys(RACK_TRANSITIONS) as RackAction[]).filter((action) => !sut.canApply(state, action)));
    expect(allowed).toBe(16);
    expect(refused).toHaveLength(RACK_STATES.length * 9 - allowed);
  });

  it('leaves PURCHASED and RETURNED only by no action at all', () => {
    for (const action of Object.keys(RACK_TRANSITIONS) as RackAction[]) {
      expect(sut.canApply('PURCHASED', action)).toBe(false);
      expect(sut.canApply('RETURNED', action)).toBe(false);
    }
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
