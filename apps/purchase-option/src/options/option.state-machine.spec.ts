import { OPTION_STATES, OptionState } from '@rackeval/contracts';
import { PurchaseOptionError } from '../purchase-option.errors';
import { OptionAction, OptionStateMachine as sut, reopenOutcome, returnOutcome, withdrawalOutcome } from './option.state-machine';

describe('OptionStateMachine', () => {
  it.each<[OptionState, OptionAction, OptionState]>([
    ['PENDING_EVALUATION', 'evaluation-passed', 'EXERCISABLE'],
    ['PENDING_EVALUATION', 'evaluation-failed', 'NOT_EXERCISABLE'],
    ['PENDING_EVALUATION', 'rejected-at-intake', 'NOT_EXERCISABLE'],
    ['EXERCISABLE', 'exercise', 'EXERCISED'],
    ['NOT_EXERCISABLE', 'exercise', 'EXERCISED'],
    ['EXERCISABLE', 'request-approval', 'PENDING_APPROVAL'],
    ['NOT_EXERCISABLE', 'request-approval', 'PENDING_APPROVAL'],
    ['PENDING_APPROVAL', 'approve', 'EXERCISED'],
    ['EXERCISABLE', 'decline', 'DECLINED'],
    ['NOT_EXERCISABLE', 'decline', 'DECLINED'],
    ['EXERCISABLE', 'lapse', 'LAPSED'],
    ['NOT_EXERCISABLE', 'lapse', 'LAPSED'],
    ['PENDING_APPROVAL', 'lapse', 'LAPSED'],
    ['PENDING_EVALUATION', 'decline', 'DECLINED'],
    ['PENDING_EVALUATION', 'withdraw', 'WITHDRAWN'],
    ['EXERCISABLE', 'withdraw', 'WITHDRAWN'],
    ['NOT_EXERCISABLE', 'withdraw', 'WITHDRAWN'],
    ['PENDING_APPROVAL', 'withdraw', 'WITHDRAWN'],
    ['EXERCISABLE', 'evaluation-reopened', 'PENDING_EVALUATION'],
    ['NOT_EXERCISABLE', 'evaluation-reopened', 'PENDING_EVALUATION'],
    ['PENDING_APPROVAL', 'evaluation-reopened', 'PENDING_EVALUATION'],
    ['DECLINED', 'reopen-after-rma', 'PENDING_EVALUATION'],
    ['LAPSED', 'reopen-after-rma', 'PENDING_EVALUATION'],
    ['WITHDRAWN', 'reopen-after-rma', 'PENDING_EVALUATION'],
  ])('%s --%s--> %s', (from, action, to) => {
    expect(sut.transition(from, action)).toBe(to);
  });

  it('returns a rejected request to the state it was made from', () => {
    expect(sut.transition('PENDING_APPROVAL', 'reject', 'EXERCISABLE')).toBe('EXERCISABLE');
    expect(sut.transition('PENDING_APPROVAL', 'reject', 'NOT_EXERCISABLE')).toBe('NOT_EXERCISABLE');
  });

  it('ends exactly once per incarnation: no decision or verdict leaves an ended state', () => {
    const actions: OptionAction[] = [
      'evaluation-passed',
      'evaluation-failed',
      'rejected-at-intake',
      'exercise',
      'request-approval',
      'approve',
      'reject',
      'decline',
      'lapse',
      'withdraw',
      'evaluation-reopened',
    ];
    for (const ended of ['EXERCISED', 'DECLINED', 'LAPSED', 'WITHDRAWN'] as const) {
      for (const action of actions) {
        expect(() => sut.transition(ended, action, 'EXERCISABLE')).toThrow(PurchaseOptionError);
        expect(sut.canTransition(ended, action)).toBe(false);
      }
      expect(sut.isEnded(ended)).toBe(true);
    }
  });

  it('reopens for a unit back from an RMA only an option that ended without a purchase (409 naming the rule otherwise)', () => {
    const reopenable = OPTION_STATES.filter((state) => sut.canTransition(state, 'reopen-after-rma'));
    expect(reopenable).toEqual(['DECLINED', 'LAPSED', 'WITHDRAWN']);
    expect(catchError(() => sut.transition('EXERCISED', 'reopen-after-rma')).message).toBe(
      'option is EXERCISED; only an option that ended without a purchase (DECLINED, LAPSED, WITHDRAWN) reopens for a unit back from an RMA (the option already ended EXERCISED; it ends exactly once)',
    );
    expect(catchError(() => sut.transition('EXERCISABLE', 'reopen-after-rma'))).toMatchObject({ code: 'ILLEGAL_TRANSITION' });
  });

  it('returns only an option with a verdict to PENDING_EVALUATION on a re-open (409 naming the rule otherwise)', () => {
    expect(sut.canTransition('PENDING_EVALUATION', 'evaluation-reopened')).toBe(false);
    expect(catchError(() => sut.transition('EXERCISED', 'evaluation-reopened')).message).toContain(
      'a re-opened evaluation returns only an option with a verdict',
    );
  });

  it('refuses an illegal transition with a 409 naming the rule and the current state', () => {
    const error = catchError(() => sut.transition('PENDING_EVALUATION', 'exercise'));
    expect(error).toBeInstanceOf(PurchaseOptionError);
    expect(error).toMatchObject({ kind: 'conflict', code: 'ILLEGAL_TRANSITION' });
    expect(error.message).toBe('option is PENDING_EVALUATION; exercise is allowed only from EXERCISABLE or NOT_EXERCISABLE');
    expect(catchError(() => sut.transition('EXERCISED', 'decline')).message).toContain('already ended EXERCISED');
  });

  it('refuses declining under a pending exercise request and a second verdict', () => {
    expect(() => sut.transition('PENDING_APPROVAL', 'decline')).toThrow(/decline is allowed only from/);
    expect(() => sut.transition('EXERCISABLE', 'evaluation-failed')).toThrow(/awaiting evaluation/);
  });

  it('applies a rejection at intake only to an option awaiting evaluation (409 naming the rule otherwise)', () => {
    for (const state of ['EXERCISABLE', 'NOT_EXERCISABLE', 'PENDING_APPROVAL'] as const) {
      expect(sut.canTransition(state, 'rejected-at-intake')).toBe(false);
      expect(catchError(() => sut.transition(state, 'rejected-at-intake'))).toMatchObject({
        code: 'ILLEGAL_TRANSITION',
        message: `option is ${state}; a rejection at intake applies only to an option awaiting evaluation`,
      });
    }
  });

  it('lets finance decline an option before its verdict, but not exercise it (409 naming the rule)', () => {
    expect(sut.canTransition('PENDING_EVALUATION', 'decline')).toBe(true);
    expect(sut.canTransition('PENDING_EVALUATION', 'exercise')).toBe(false);
    expect(sut.canTransition('PENDING_EVALUATION', 'request-approval')).toBe(false);
  });

  it('lets a withdrawal or return at intake end any option that has not ended, a pending exercise request included', () => {
    const open = OPTION_STATES.filter((state) => sut.canTransition(state, 'withdraw'));
    expect(open).toEqual(['PENDING_EVALUATION', 'EXERCISABLE', 'NOT_EXERCISABLE', 'PENDING_APPROVAL']);
    expect(catchError(() => sut.transition('DECLINED', 'withdraw')).message).toBe(
      'option is DECLINED; a withdrawal or return ends only an option that has not ended (the option already ended DECLINED; it ends exactly once)',
    );
  });

  it('never lapses an option still awaiting its evaluation (no expiry without a verdict)', () => {
    expect(sut.canTransition('PENDING_EVALUATION', 'lapse')).toBe(false);
  });

  it('knows every contract state', () => {
    const ended = OPTION_STATES.filter((state) => sut.isEnded(state));
    expect(ended).toEqual(['EXERCISED', 'DECLINED', 'LAPSED', 'WITHDRAWN']);
  });

  describe('facts that cross a finance decision (never a 409, never a dead letter)', () => {
    // A withdrawal (or return) and a re-opened evaluation meet a decision alike.
    const crossing: Array<[OptionState, ReturnType<typeof withdrawalOutcome>]> = [
      ['PENDING_EVALUATION', 'apply'],
      ['EXERCISABLE', 'apply'],
      ['NOT_EXERCISABLE', 'apply'],
      ['PENDING_APPROVAL', 'apply'],
      ['EXERCISED', 'overruled'],
      ['DECLINED', 'moot'],
      ['LAPSED', 'moot'],
      ['WITHDRAWN', 'moot'],
    ];

    it.each(crossing)('a withdrawal or return reaching a %s option: %s', (state, outcome) => {
      expect(withdrawalOutcome(state)).toBe(outcome);
    });

    it.each(crossing)('a re-opened evaluation reaching a %s option: %s', (state, outcome) => {
      expect(reopenOutcome(state)).toBe(outcome);
    });
  });

  describe('the unit back from an RMA as a later incarnation', () => {
    it.each<[OptionState, ReturnType<typeof returnOutcome>]>([
      ['DECLINED', 'reopen'],
      ['LAPSED', 'reopen'],
      ['WITHDRAWN', 'reopen'],
      ['EXERCISED', 'overruled'],
      ['PENDING_EVALUATION', 'not-ended'],
      ['EXERCISABLE', 'not-ended'],
      ['NOT_EXERCISABLE', 'not-ended'],
      ['PENDING_APPROVAL', 'not-ended'],
    ])('reaching a %s option of incarnation 1 as incarnation 2: %s', (state, outcome) => {
      expect(returnOutcome({ state, incarnation: 1 }, 2)).toBe(outcome);
    });

    it('changes nothing for an incarnation the option already concerns, or an earlier one (redelivery, or reopened by a verdict first)', () => {
      expect(returnOutcome({ state: 'PENDING_EVALUATION', incarnation: 2 }, 2)).toBe('known');
      expect(returnOutcome({ state: 'DECLINED', incarnation: 3 }, 2)).toBe('known');
      expect(returnOutcome({ state: 'DECLINED', incarnation: 2 }, 3)).toBe('reopen');
    });
  });
});

function catchError(work: () => unknown): PurchaseOptionError {
  try {
    work();
  } catch (error) {
    return error as PurchaseOptionError;
  }
  throw new Error('expected an error');
}
