import { RackState } from '@rackeval/contracts';
import { earlierIncarnation, LifecycleFact, planFor } from './lifecycle.rules';

describe('planFor', () => {
  const sut = planFor;
  const kind = (fact: LifecycleFact, state: RackState) => sut(fact, state).kind;

  it('starts evaluation on the first run; ignores later runs; refuses a run for a rack never released', () => {
    expect(sut('run-started', 'RELEASED_FOR_EVALUATION')).toEqual({ kind: 'apply', steps: [{ action: 'start-evaluation' }] });
    for (const later of ['IN_EVALUATION', 'EVALUATION_PASSED', 'EVALUATION_FAILED', 'AWAITING_RETURN', 'PURCHASED', 'RETURNED'] as const) {
      expect(kind('run-started', later)).toBe('ignore');
    }
    for (const early of ['RECEIVED', 'QUARANTINED', 'REJECTED_AT_INTAKE'] as const)
      expect(kind('run-started', early)).toBe('unprocessable');
  });

  it('applies both steps when a verdict overtakes its run-started event', () => {
    expect(sut('evaluation-failed', 'RELEASED_FOR_EVALUATION')).toEqual({
      kind: 'apply',
      steps: [
        { action: 'start-evaluation', note: 'evaluation verdict arrived before the run-started event' },
        { action: 'fail-evaluation' },
      ],
    });
    expect(sut('evaluation-passed', 'IN_EVALUATION')).toEqual({ kind: 'apply', steps: [{ action: 'pass-evaluation' }] });
  });

  it('ignores a repeated verdict and refuses a contradicting one', () => {
    expect(kind('evaluation-passed', 'EVALUATION_PASSED')).toBe('ignore');
    expect(kind('evaluation-passed', 'PURCHASED')).toBe('ignore');
    expect(kind('evaluation-failed', 'EVALUATION_PASSED')).toBe('unprocessable');
    expect(kind('evaluation-passed', 'RECEIVED')).toBe('unprocessable');
  });

  it('holds an option decision that overtook the verdict', () => {
    expect(kind('option-exercised', 'IN_EVALUATION')).toBe('defer');
    expect(kind('option-exercised', 'RELEASED_FOR_EVALUATION')).toBe('defer');
    expect(kind('option-ended', 'IN_EVALUATION')).toBe('defer');
  });

  it('applies option decisions after a verdict, exercising a failed rack too (waiver)', () => {
    expect(sut('option-exercised', 'EVALUATION_FAILED')).toEqual({ kind: 'apply', steps: [{ action: 'exercise-option' }] });
    expect(sut('option-ended', 'EVALUATION_PASSED')).toEqual({ kind: 'apply', steps: [{ action: 'end-option' }] });
  });

  it('ignores a declined or lapsed option for a rack rejected at intake or already returned (no transition, no dead letter)', () => {
    for (const state of ['REJECTED_AT_INTAKE', 'RETURNED'] as const) {
      expect(sut('option-ended', state)).toEqual({ kind: 'ignore', why: `rack is already ${state}; the option's end changes nothing` });
    }
  });

  it('still refuses an exercised option for a rack rejected at intake (a contradiction)', () => {
    expect(kind('option-exercised', 'REJECTED_AT_INTAKE')).toBe('unprocessable');
  });

  it('ignores what a rack is already past and refuses what contradicts it', () => {
    expect(kind('option-exercised', 'PURCHASED')).toBe('ignore');
    expect(kind('option-ended', 'AWAITING_RETURN')).toBe('ignore');
    expect(kind('option-ended', 'RETURNED')).toBe('ignore');
    expect(kind('option-ended', 'REJECTED_AT_INTAKE')).toBe('ignore');
    expect(kind('option-ended', 'PURCHASED')).toBe('unprocessable');
    expect(kind('option-exercised', 'RECEIVED')).toBe('unprocessable');
  });

  it('buys a rack whose withdrawal crossed the exercise (the exercise stands), never dead-letters it once returned', () => {
    expect(sut('option-exercised', 'AWAITING_RETURN')).toEqual({
      kind: 'apply',
      steps: [
        { action: 'exercise-after-withdrawal', note: 'the exercise reached the option before the withdrawal did; the exercise stands' },
      ],
    });
    expect(kind('option-exercised', 'RETURNED')).toBe('ignore');
  });

  it('ignores every late fact about a rack shipped to the manufacturer under an RMA (no transition, no dead letter)', () => {
    const facts: LifecycleFact[] = [
      'run-started',
      'evaluation-passed',
      'evaluation-failed',
      'evaluation-reopened',
      'evaluation-passed-again',
      'evaluation-failed-again',
      'option-exercised',
      'option-ended',
      'option-declined-pending',
    ];
    for (const fact of facts) expect({ fact, kind: kind(fact, 'RETURNED_FOR_RMA') }).toEqual({ fact, kind: 'ignore' });
  });

  it('sends a rack back when finance declines its option before any verdict, from any state before the verdict', () => {
    for (const state of ['RECEIVED', 'QUARANTINED', 'RELEASED_FOR_EVALUATION', 'IN_EVALUATION'] as const) {
      expect(sut('option-declined-pending', state)).toEqual({ kind: 'apply', steps: [{ action: 'decline-before-verdict' }] });
    }
    expect(sut('option-declined-pending', 'EVALUATION_FAILED')).toEqual({ kind: 'apply', steps: [{ action: 'end-option' }] });
    for (const state of ['REJECTED_AT_INTAKE', 'AWAITING_RETURN', 'RETURNED'] as const)
      expect(kind('option-declined-pending', state)).toBe('ignore');
    expect(kind('option-declined-pending', 'PURCHASED')).toBe('unprocessable');
  });

  it('ignores a verdict that arrives after a decline before the verdict sent the rack back (no dead letter)', () => {
    expect(kind('evaluation-passed', 'AWAITING_RETURN')).toBe('ignore');
    expect(kind('evaluation-failed', 'AWAITING_RETURN')).toBe('ignore');
  });

  it('never plans against ON_HOLD itself: a held rack is planned against the state it was held from', () => {
    expect(kind('evaluation-passed', 'ON_HOLD')).toBe('unprocessable');
  });

  it('puts an evaluated rack back in evaluation when results re-opens its verdict', () => {
    expect(sut('evaluation-reopened', 'EVALUATION_FAILED')).toEqual({ kind: 'apply', steps: [{ action: 'reopen-evaluation' }] });
    expect(sut('evaluation-reopened', 'EVALUATION_PASSED')).toEqual({ kind: 'apply', steps: [{ action: 'reopen-evaluation' }] });
  });

  it('ignores a re-open that crossed the option ending, and the later verdict too (no dead letter)', () => {
    for (const past of ['PURCHASED', 'AWAITING_RETURN', 'RETURNED', 'IN_EVALUATION'] as const)
      expect(kind('evaluation-reopened', past)).toBe('ignore');
    expect(kind('evaluation-failed-again', 'EVALUATION_PASSED')).toBe('ignore');
    expect(kind('evaluation-failed-again', 'PURCHASED')).toBe('ignore');
    expect(sut('evaluation-passed-again', 'IN_EVALUATION')).toEqual({ kind: 'apply', steps: [{ action: 'pass-evaluation' }] });
  });
});

describe('earlierIncarnation', () => {
  const sut = earlierIncarnation;

  it('ignores a run or verdict about an earlier incarnation than the rack is in (absent meaning 1)', () => {
    expect(sut(1, 2)).toEqual({
      kind: 'ignore',
      why: 'the fact is about incarnation 1; the rack is in incarnation 2 since it came back from an RMA',
    });
    expect(sut(2, 3)?.kind).toBe('ignore');
  });

  it('plans a fact about the current incarnation, or one naming none (option facts), as usual', () => {
    expect(sut(1, 1)).toBeUndefined();
    expect(sut(2, 2)).toBeUndefined();
    expect(sut(undefined, 2)).toBeUndefined();
  });
});
