import { defineStateMachine, refuseAppliesOnlyTo, type TransitionRule } from './state-machine';

type State = 'OPEN' | 'HELD' | 'CLOSED';
type Action = 'hold' | 'release' | 'close';
interface Rule extends TransitionRule<State, { heldFrom?: State }> {
  readonly why: string;
}

class RefusedError extends Error {}

const sut = defineStateMachine<State, Action, Rule, { heldFrom?: State }>(
  {
    hold: { from: ['OPEN'], to: 'HELD', why: 'only an open item is held' },
    release: {
      from: ['HELD'],
      to: ({ heldFrom }) => {
        if (!heldFrom) throw new Error('held without the state it was held from');
        return heldFrom;
      },
      why: 'only a held item is released',
    },
    close: { from: ['OPEN', 'HELD'], to: 'CLOSED', why: 'a closed item stays closed' },
  },
  ({ state, action, rule }) => new RefusedError(`item is ${state}; ${action}: ${rule.why}`),
);

describe('defineStateMachine', () => {
  it('leads each action from its allowed states to its target', () => {
    expect(sut.transition('OPEN', 'hold', {})).toBe('HELD');
    expect(sut.transition('HELD', 'close', {})).toBe('CLOSED');
  });

  it('resolves a target that depends on the context', () => {
    expect(sut.transition('HELD', 'release', { heldFrom: 'OPEN' })).toBe('OPEN');
    expect(() => sut.transition('HELD', 'release', {})).toThrow('held without the state it was held from');
  });

  it("refuses with the service's own error, built from the state, the action and the rule", () => {
    expect(() => sut.transition('CLOSED', 'hold', {})).toThrow(RefusedError);
    expect(() => sut.transition('CLOSED', 'hold', {})).toThrow('item is CLOSED; hold: only an open item is held');
  });

  it('never resolves a target for a refused action', () => {
    expect(() => sut.transition('OPEN', 'release', {})).toThrow('item is OPEN; release: only a held item is released');
  });

  it('answers canApply and actionsFrom from the same table, in table order', () => {
    expect(sut.canApply('OPEN', 'hold')).toBe(true);
    expect(sut.canApply('CLOSED', 'close')).toBe(false);
    expect(sut.actionsFrom('OPEN')).toEqual(['hold', 'close']);
    expect(sut.actionsFrom('HELD')).toEqual(['release', 'close']);
    expect(sut.actionsFrom('CLOSED')).toEqual([]);
  });
});

describe('refuseAppliesOnlyTo', () => {
  class ConflictError extends Error {
    constructor(
      message: string,
      readonly details: unknown,
    ) {
      super(message);
    }
  }
  const machine = defineStateMachine<State, Action, { from: readonly State[]; to: State }, string>(
    { hold: { from: ['OPEN'], to: 'HELD' }, release: { from: ['HELD'], to: 'OPEN' }, close: { from: ['OPEN', 'HELD'], to: 'CLOSED' } },
    refuseAppliesOnlyTo('rack', (message, details) => new ConflictError(message, details)),
  );

  it('names the aggregate, its state, the action and the states the action needs, the state as the field at fault', () => {
    const refusal = (() => {
      try {
        machine.transition('CLOSED', 'close', 'RK-7');
      } catch (error) {
        return error;
      }
    })();
    expect(refusal).toBeInstanceOf(ConflictError);
    expect(refusal).toMatchObject({
      message: 'rack RK-7 is CLOSED; "close" applies only to a rack that is OPEN or HELD',
      details: [{ field: 'state', message: 'is CLOSED' }],
    });
  });
});
