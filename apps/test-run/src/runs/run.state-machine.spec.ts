import { TestRunError, TestRunErrorCode } from '../test-run.errors';
import type { RunState } from '@rackeval/contracts';
import { RunAction, RunStateMachine as sut } from './run.state-machine';

const RUN = '7f1c2d9e-0000-4000-8000-000000000001';

describe('run state machine', () => {
  it.each<[RunState, RunAction, RunState]>([
    ['SCHEDULED', 'start', 'RUNNING'],
    ['RUNNING', 'complete', 'COMPLETED'],
    ['RUNNING', 'abort', 'ABORTED'],
    ['SCHEDULED', 'abort', 'ABORTED'],
  ])('moves a %s run on %s to %s', (from, action, to) => {
    expect(sut.transition(RUN, from, action)).toBe(to);
  });

  it.each<[RunState, RunAction]>([
    ['SCHEDULED', 'complete'],
    ['RUNNING', 'start'],
    ['COMPLETED', 'start'],
    ['COMPLETED', 'complete'],
    ['COMPLETED', 'abort'],
    ['ABORTED', 'start'],
    ['ABORTED', 'complete'],
    ['ABORTED', 'abort'],
  ])('refuses %s on %s as a conflict naming the current state', (from, action) => {
    let error: unknown;
    try {
      sut.transition(RUN, from, action);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(TestRunError);
    expect((error as TestRunError).code).toBe(TestRunErrorCode.ILLEGAL_TRANSITION);
    expect((error as TestRunError).message).toContain(`run ${RUN} is ${from}; ${action} is allowed only from`);
  });

  it('holds rack and bay only while scheduled or running', () => {
    expect(['SCHEDULED', 'RUNNING', 'COMPLETED', 'ABORTED'].map((state) => sut.isActive(state as RunState))).toEqual([
      true,
      true,
      false,
      false,
    ]);
  });
});
