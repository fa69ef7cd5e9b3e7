import { PeriodicTask } from './periodic-task';

/** Lets the finished run's promise chain settle (fake timers do not advance microtasks). */
const settled = async () => {
  for (let i = 0; i < 10; i++) await Promise.resolve();
};

describe('PeriodicTask', () => {
  afterEach(() => jest.useRealTimers());

  it('runs on every tick but never twice at once in one process', async () => {
    jest.useFakeTimers();
    let running = 0;
    let most = 0;
    let runs = 0;
    let release: () => void = () => undefined;
    const sut = new PeriodicTask('test-task', 1_000, async () => {
      running += 1;
      runs += 1;
      most = Math.max(most, running);
      await new Promise<void>((resolve) => (release = resolve));
      running -= 1;
    });
    sut.start();
    jest.advanceTimersByTime(1_000);
    jest.advanceTimersByTime(1_000); // the first run is still going: this tick is skipped
    expect(runs).toBe(1);
    release();
    await settled();
    jest.advanceTimersByTime(1_000);
    expect(runs).toBe(2);
    release();
    await sut.stop();
    jest.advanceTimersByTime(5_000);
    expect(runs).toBe(2);
    expect(most).toBe(1);
  });

  it('keeps ticking after a failed run', async () => {
    let runs = 0;
    const sut = new PeriodicTask('test-task', 60_000, async () => {
      runs += 1;
      if (runs === 1) throw new Error('database away');
      return 'ok';
    });
    await sut.tick();
    await sut.tick();
    expect(runs).toBe(2);
  });
});
