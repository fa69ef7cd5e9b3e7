import { OptionState, RackState } from '@rackeval/contracts';
import { assertReturnable, assertWithdrawable } from './ways-out.rules';

const rack = (state: RackState, withdrawnAt: Date | null = null) => ({ serial: 'RK-1', state, withdrawnAt });

describe('assertReturnable', () => {
  const sut = assertReturnable;

  it.each<OptionState>(['EXERCISABLE', 'NOT_EXERCISABLE', 'PENDING_APPROVAL'])(
    'refuses the return of a failed rack whose option is %s (409 naming it)',
    (option) => {
      const refusal = () => sut(rack('EVALUATION_FAILED'), option);
      expect(refusal).toThrow(`rack RK-1 is EVALUATION_FAILED but its purchase option is ${option}: finance can still buy it`);
      try {
        refusal();
      } catch (error) {
        expect(error).toMatchObject({
          code: 'OPTION_STILL_EXERCISABLE',
          kind: 'conflict',
          details: [{ field: 'option.state', message: `option is ${option}` }],
        });
      }
    },
  );

  it.each<OptionState | null>(['DECLINED', 'LAPSED', 'WITHDRAWN', 'PENDING_EVALUATION', null])(
    'allows the return once the option is %s',
    (option) => {
      expect(() => sut(rack('AWAITING_RETURN'), option)).not.toThrow();
    },
  );

  it('allows returning a rack rejected at intake: its option cannot be exercised even with a waiver', () => {
    expect(() => sut(rack('REJECTED_AT_INTAKE'), 'NOT_EXERCISABLE')).not.toThrow();
  });

  it('allows returning a withdrawn rack before purchase-option has reported the end of its option', () => {
    expect(() => sut(rack('AWAITING_RETURN', new Date()), 'EXERCISABLE')).not.toThrow();
  });
});

describe('assertWithdrawable', () => {
  const sut = assertWithdrawable;

  it('refuses while an exercise awaits approval and once the option was exercised', () => {
    expect(() => sut(rack('EVALUATION_PASSED'), 'PENDING_APPROVAL')).toThrow(
      'rack RK-1 cannot be withdrawn: its purchase option is PENDING_APPROVAL',
    );
    expect(() => sut(rack('EVALUATION_PASSED'), 'EXERCISED')).toThrow('finance has exercised it');
  });

  it.each<OptionState | null>(['PENDING_EVALUATION', 'EXERCISABLE', 'NOT_EXERCISABLE', null])(
    'allows it while the option is %s',
    (option) => {
      expect(() => sut(rack('IN_EVALUATION'), option)).not.toThrow();
    },
  );
});
