import { latestThrottle } from './latest-throttle';

describe('latestThrottle', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('shows the first update at once and coalesces the rest of the interval into its last', () => {
    const shown: number[] = [];
    const sut = latestThrottle<number>((n) => shown.push(n), 250);

    sut.push(1);
    sut.push(2);
    sut.push(3);
    expect(shown).toEqual([1]);

    jest.advanceTimersByTime(250);
    expect(shown).toEqual([1, 3]);
  });

  it('never shows more than one update per interval however fast they come', () => {
    const shown: number[] = [];
    const sut = latestThrottle<number>((n) => shown.push(n), 250);

    for (let n = 1; n <= 100; n++) {
      sut.push(n);
      jest.advanceTimersByTime(10);
    }
    jest.advanceTimersByTime(250);

    expect(shown.length).toBeLessThanOrEqual(1 + Math.ceil(1000 / 250) + 1);
    expect(shown.at(-1)).toBe(100);
  });

  it('shows an update at once again after a quiet interval', () => {
    const shown: number[] = [];
    const sut = latestThrottle<number>((n) => shown.push(n), 250);

    sut.push(1);
    jest.advanceTimersByTime(600);
    sut.push(2);

    expect(shown).toEqual([1, 2]);
  });

  it('flush shows the waiting update now (the stream ended); cancel forgets it', () => {
    const shown: number[] = [];
    const sut = latestThrottle<number>((n) => shown.push(n), 250);

    sut.push(1);
    sut.push(2);
    sut.flush();
    expect(shown).toEqual([1, 2]);

    sut.push(3);
    sut.push(4);
    sut.cancel();
    jest.advanceTimersByTime(1000);
    expect(shown).toEqual([1, 2, 3]);
  });
});
