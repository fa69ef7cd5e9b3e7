import { FINDING_STATES, type FindingAction, type FindingState } from '@rackeval/contracts';
import { ResultsError } from '../results.errors';
import { FINAL_FINDING_STATES, FindingStateMachine as sut } from './finding.state-machine';

describe('finding state machine', () => {
  it('walks the happy path from OPEN to VERIFIED', () => {
    const steps: FindingAction[] = ['triage', 'report', 'propose-fix', 'verify'];
    const states = steps.reduce<FindingState[]>(
      (seen, action) => [...seen, sut.transition('F-1', seen[seen.length - 1], action)],
      ['OPEN'],
    );
    expect(states).toEqual(['OPEN', 'TRIAGED', 'REPORTED_TO_MANUFACTURER', 'FIX_PROPOSED', 'VERIFIED']);
  });

  it('lets a triaged finding be re-triaged, and a rejected fix go back to the manufacturer', () => {
    expect(sut.transition('F-1', 'TRIAGED', 'triage')).toBe('TRIAGED');
    expect(sut.transition('F-1', 'FIX_PROPOSED', 'reject-fix')).toBe('REPORTED_TO_MANUFACTURER');
  });

  it.each(['OPEN', 'TRIAGED', 'REPORTED_TO_MANUFACTURER', 'FIX_PROPOSED'] as const)('closes a %s finding without a fix', (state) => {
    expect(sut.transition('F-1', state, 'wont-fix')).toBe('WONT_FIX');
  });

  it('refuses to report an untriaged finding with a 409 naming the state and what the action needs', () => {
    const error = (() => {
      try {
        sut.transition('F-1', 'OPEN', 'report');
      } catch (e) {
        return e as ResultsError;
      }
    })();
    expect(error).toBeInstanceOf(ResultsError);
    expect(error).toMatchObject({ code: 'ILLEGAL_TRANSITION', kind: 'conflict' });
    expect(error!.message).toBe('finding F-1 is OPEN; "report" applies only to a finding that is TRIAGED');
  });

  it.each(FINAL_FINDING_STATES)('offers nothing once a finding is %s', (state) => {
    expect(sut.actionsFrom(state)).toEqual([]);
    expect(() => sut.transition('F-1', state, 'triage')).toThrow(ResultsError);
  });

  it('offers every non-final state at least one way forward', () => {
    for (const state of FINDING_STATES.filter((s) => !FINAL_FINDING_STATES.includes(s)))
      expect(sut.actionsFrom(state).length).toBeGreaterThan(0);
  });
});
