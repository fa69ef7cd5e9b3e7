import { EventArrivals, namesOf } from './event-arrivals';

describe('EventArrivals', () => {
  it('announces an event under its subject and the run and rack its data names', () => {
    expect(namesOf({ subject: 'RK-1', data: { runId: 'run-1', rackSerial: 'RK-1', suite: 'burn-in' } })).toEqual(['RK-1', 'run-1']);
    expect(namesOf({ subject: 'GEN-A', data: { code: 'GEN-A' } })).toEqual(['GEN-A']);
  });

  it('wakes only the requests waiting on a name the event is about', async () => {
    const sut = new EventArrivals();
    const woken: string[] = [];
    const forRun = sut.next('run-1', 60_000).then(() => woken.push('run-1'));
    const forOther = sut.next('run-2', 60_000).then(() => woken.push('run-2'));
    expect(sut.waiting).toBe(2);
    sut.applied({ subject: 'RK-1', data: { runId: 'run-1' } });
    await forRun;
    expect(woken).toEqual(['run-1']);
    expect(sut.waiting).toBe(1);
    sut.applied({ subject: 'RK-2', data: { runId: 'run-2' } });
    await forOther;
    expect(sut.waiting).toBe(0);
  });

  it('lets a wait end on its own when nothing arrives, and forgets it', async () => {
    jest.useFakeTimers();
    try {
      const sut = new EventArrivals();
      const waited = sut.next('run-9', 250);
      jest.advanceTimersByTime(250);
      await waited;
      expect(sut.waiting).toBe(0);
    } finally {
      jest.useRealTimers();
    }
  });

  it('keeps an event applied after listening began, so the wait that follows ends at once', async () => {
    jest.useFakeTimers();
    try {
      const sut = new EventArrivals();
      const arrival = sut.listen('RK-7');
      // The request is still reading its answer when the event is applied.
      sut.applied({ subject: 'RK-7', data: {} });
      let woken = false;
      const waited = arrival.wait(250).then(() => (woken = true));
      await Promise.resolve();
      expect(woken).toBe(true);
      await waited;
      expect(sut.waiting).toBe(0);
    } finally {
      jest.useRealTimers();
    }
  });

  it('stops listening when the request has its answer, and ignores events about other names', async () => {
    const sut = new EventArrivals();
    const answered = sut.listen('RK-8');
    const waiting = sut.listen('RK-9');
    expect(sut.waiting).toBe(2);
    answered.stop();
    sut.applied({ subject: 'RK-8', data: {} });
    expect(sut.waiting).toBe(1);
    jest.useFakeTimers();
    try {
      let woken = false;
      const waited = waiting.wait(250).then(() => (woken = true));
      await Promise.resolve();
      expect(woken).toBe(false);
      sut.applied({ subject: 'RK-9', data: {} });
      await waited;
      expect(woken).toBe(true);
      expect(sut.waiting).toBe(0);
    } finally {
      jest.useRealTimers();
    }
  });
});
