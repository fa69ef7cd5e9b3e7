import type { RunProgress } from '../api';
import { initialLiveRun, liveRunReducer } from './live-run-state';

const progress = (lastMeasurementId: string, verdict: RunProgress['verdict'], at = '2026-11-29T10:00:00.000Z'): RunProgress => ({
  runId: 'run-1',
  state: 'RUNNING',
  lastMeasurementId,
  criteriaVersion: 1,
  verdict,
  criteria: [],
  diagnosisCriteria: [],
  series: [],
  at,
});

describe('liveRunReducer', () => {
  const sut = liveRunReducer;

  it('follows connecting, live, a drop and the end', () => {
    let state = sut(initialLiveRun, { type: 'connecting' });
    expect(state.status).toBe('connecting');
    state = sut(state, { type: 'open' });
    expect(state.status).toBe('live');
    state = sut(state, { type: 'dropped' });
    expect(state.status).toBe('reconnecting');
    state = sut(state, { type: 'ended' });
    expect(sut(state, { type: 'dropped' }).status).toBe('ended');
  });

  it('takes each newer state of the run', () => {
    let state = sut(initialLiveRun, { type: 'progress', progress: progress('0', 'PENDING') });
    state = sut(state, { type: 'progress', progress: progress('120', 'PASS') });

    expect(state.progress?.verdict).toBe('PASS');
    expect(state.updates).toBe(2);
  });

  it('never steps back to an older state (a reopened stream may repeat what was shown)', () => {
    let state = sut(initialLiveRun, { type: 'progress', progress: progress('9007199254740993', 'FAIL') });
    state = sut(state, { type: 'progress', progress: progress('9007199254740992', 'PASS') });

    expect(state.progress?.verdict).toBe('FAIL');
    expect(state.updates).toBe(1);
  });

  it('takes a later look at the same samples (the run changed state)', () => {
    let state = sut(initialLiveRun, { type: 'progress', progress: progress('5', 'PASS') });
    state = sut(state, { type: 'progress', progress: { ...progress('5', 'PASS', '2026-11-29T10:00:01.000Z'), state: 'COMPLETED' } });

    expect(state.progress?.state).toBe('COMPLETED');
  });
});
