import type { Bay, Run, Suite } from '../api';
import { freeBays, runActions, suiteChoices } from './scheduling';

const bay = (code: string, site: string, free = true) => ({ code, site, free }) as Bay;
const suite = (key: string, maxAttempts = 2): Suite => ({ key, name: key, required: true, maxAttempts, metrics: [] });
const run = (suiteKey: string, attempt: number, state: Run['state']) => ({ suite: suiteKey, attempt, state }) as Run;

describe('run scheduling', () => {
  it('offers free bays only, those at the rack site first', () => {
    const sut = freeBays([bay('B-3', 'PDX-1'), bay('B-1', 'PDX-1', false), bay('B-2', 'AUS-1')], 'AUS-1');
    expect(sut.map((b) => b.code)).toEqual(['B-2', 'B-3']);
  });

  it('blocks every suite while the rack has an active run', () => {
    const sut = suiteChoices([suite('burn-in'), suite('thermal-soak')], [run('burn-in', 1, 'RUNNING')]);
    expect(sut.every((choice) => choice.blockedBy?.includes('running run'))).toBe(true);
  });

  it('blocks a suite whose attempts are used up', () => {
    const sut = suiteChoices([suite('burn-in', 2), suite('thermal-soak')], [run('burn-in', 1, 'ABORTED'), run('burn-in', 2, 'COMPLETED')]);
    expect(sut[0]).toMatchObject({ attemptsUsed: 2, blockedBy: 'no attempts left' });
    expect(sut[1]).toMatchObject({ attemptsUsed: 0, blockedBy: null });
  });

  it('offers the lifecycle steps the state allows', () => {
    expect(runActions({ state: 'SCHEDULED' })).toEqual(['start', 'abort']);
    expect(runActions({ state: 'RUNNING' })).toEqual(['complete', 'abort']);
    expect(runActions({ state: 'COMPLETED' })).toEqual([]);
  });
});
