import { RMA_STATES, RmaState } from '@rackeval/contracts';
import { IntakeError } from '../intake.errors';
import { RMA_TRANSITIONS, RmaAction, RmaStateMachine } from './rma.state-machine';

describe('RmaStateMachine', () => {
  const sut = RmaStateMachine;

  it.each<[RmaState, RmaAction, RmaState]>([
    ['OPEN', 'ship', 'SHIPPED'],
    ['OPEN', 'cancel', 'CANCELLED'],
    ['SHIPPED', 'receive', 'RECEIVED'],
  ])('%s --%s--> %s', (from, action, to) => {
    expect(sut.transition('RMA-1', from, action)).toBe(to);
  });

  it('allows nothing else: every other (state, action) pair is refused', () => {
    const allowed = RMA_STATES.flatMap((state) => (Object.keys(RMA_TRANSITIONS) as RmaAction[]).map((action) => [state, action]))
      .filter(([state, action]) => sut.canApply(state as RmaState, action as RmaAction))
      .map((pair) => pair.join(' '));
    expect(allowed).toEqual(['OPEN ship', 'OPEN cancel', 'SHIPPED receive']);
  });

  it('offers only receiving once shipped, and nothing once received or cancelled', () => {
    expect(sut.actionsFrom('OPEN')).toEqual(['ship', 'cancel']);
    expect(sut.actionsFrom('SHIPPED')).toEqual(['receive']);
    expect(sut.actionsFrom('RECEIVED')).toEqual([]);
    expect(sut.actionsFrom('CANCELLED')).toEqual([]);
  });

  it.each(['OPEN', 'CANCELLED', 'RECEIVED'] as const)('refuses to receive units of an RMA that is %s with a 409 naming it', (state) => {
    const refusal = () => sut.transition('RMA-2026-0042', state, 'receive');
    expect(refusal).toThrow(`RMA RMA-2026-0042 is ${state}; receiving units back is allowed only for a SHIPPED RMA`);
    try {
      refusal();
    } catch (error) {
      expect(error).toMatchObject({ code: 'ILLEGAL_TRANSITION', kind: 'conflict', details: [{ field: 'state' }] });
    }
  });

  it('refuses a second shipment and the cancellation of a shipped RMA with a 409 naming the RMA, its state and the rule', () => {
    const twice = () => sut.transition('RMA-2026-0042', 'SHIPPED', 'ship');
    expect(twice).toThrow(IntakeError);
    expect(twice).toThrow('RMA RMA-2026-0042 is SHIPPED; shipping is allowed only for an OPEN RMA');
    expect(() => sut.transition('RMA-2026-0042', 'SHIPPED', 'cancel')).toThrow(
      'RMA RMA-2026-0042 is SHIPPED; cancelling is allowed only for an OPEN RMA (its units have not left)',
    );
    try {
      twice();
    } catch (error) {
      expect(error).toMatchObject({ code: 'ILLEGAL_TRANSITION', kind: 'conflict', details: [{ field: 'state' }] });
    }
  });
});
