import { GaveUp, waitFor } from './wait-for';

describe('waitFor', () => {
  it('asks a probe that throws again, and answers with its first value', async () => {
    let calls = 0;
    const value = await waitFor('the third answer', () => {
      calls += 1;
      if (calls < 3) throw new Error('not yet');
      return 'ready';
    });
    expect([value, calls]).toEqual(['ready', 3]);
  });

  it('fails at once, naming what it waited for and why, when the probe gives up', async () => {
    let calls = 0;
    const waiting = waitFor(
      'intake#1 healthy',
      () => {
        calls += 1;
        throw new GaveUp('process exited: intake failed to start');
      },
      { timeoutMs: 60_000 },
    );
    await expect(waiting).rejects.toThrow('gave up waiting for intake#1 healthy: process exited: intake failed to start');
    expect(calls).toBe(1);
  });
});
