import { closedBecause as sut } from './standing.rules';

describe('evaluation closed rule', () => {
  it('keeps the evaluation open while the option is live and the rack is on site', () => {
    expect(sut(undefined)).toBeUndefined();
    expect(sut({ rackState: 'EVALUATION_PASSED', optionState: 'EXERCISABLE' })).toBeUndefined();
    expect(sut({ rackState: 'EVALUATION_FAILED', optionState: 'PENDING_APPROVAL' })).toBeUndefined();
    expect(sut({ rackState: 'IN_EVALUATION', optionState: null })).toBeUndefined();
  });

  it('closes it once the option has ended, naming the state', () => {
    expect(sut({ rackState: 'EVALUATION_PASSED', optionState: 'EXERCISED' })).toBe('its option has ended (EXERCISED)');
    expect(sut({ rackState: null, optionState: 'LAPSED' })).toBe('its option has ended (LAPSED)');
    expect(sut({ rackState: null, optionState: 'WITHDRAWN' })).toContain('WITHDRAWN');
  });

  it('closes it once intake reports the rack bought or going back, even without an option', () => {
    expect(sut({ rackState: 'AWAITING_RETURN', optionState: null })).toBe('intake reports the rack AWAITING_RETURN');
    expect(sut({ rackState: 'RETURNED', optionState: 'NOT_EXERCISABLE' })).toContain('RETURNED');
    expect(sut({ rackState: 'RETURNED_FOR_RMA', optionState: null })).toBe('intake reports the rack RETURNED_FOR_RMA');
  });
});
