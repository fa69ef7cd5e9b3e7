import { ResultsError } from '../results.errors';
import { RunMirrorStateMachine as sut } from './run-mirror.state-machine';

describe('run mirror state machine', () => {
  it('follows SCHEDULED → RUNNING → COMPLETED | ABORTED', () => {
    expect(sut.transition(undefined, 'scheduled')).toBe('SCHEDULED');
    expect(sut.transition('SCHEDULED', 'started')).toBe('RUNNING');
    expect(sut.transition('RUNNING', 'completed')).toBe('COMPLETED');
    expect(sut.transition('RUNNING', 'aborted')).toBe('ABORTED');
    expect(sut.transition('SCHEDULED', 'aborted')).toBe('ABORTED');
  });

  it('takes the first fact seen about an unknown run as the truth', () => {
    expect(sut.transition(undefined, 'started')).toBe('RUNNING');
    expect(sut.transition(undefined, 'completed')).toBe('COMPLETED');
  });

  it('refuses going back or leaving a final state, naming the rule', () => {
    expect(() => sut.transition('COMPLETED', 'started')).toThrow('run is COMPLETED; "started" applies only from SCHEDULED');
    expect(() => sut.transition('ABORTED', 'completed')).toThrow(ResultsError);
    expect(() => sut.transition('RUNNING', 'scheduled')).toThrow('applies only from no state');
  });
});
