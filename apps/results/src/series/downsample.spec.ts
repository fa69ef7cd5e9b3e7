import { bucketIndex, downsample } from './downsample';

describe('min/max downsampling', () => {
  it('keeps every spike: each bucket holds its lowest and highest value', () => {
    // 1,000 samples of a flat 100 kW line with one spike to 180 and one dip to 20.
    const points = Array.from({ length: 1000 }, (_, i) => ({ t: i * 1000, value: i === 417 ? 180 : i === 801 ? 20 : 100 }));
    const buckets = downsample(points, 10);
    expect(buckets).toHaveLength(10);
    expect(Math.max(...buckets.map((b) => b.max))).toBe(180);
    expect(Math.min(...buckets.map((b) => b.min))).toBe(20);
    expect(buckets[4]).toMatchObject({ min: 100, max: 180, count: 100 });
    expect(buckets[8]).toMatchObject({ min: 20, max: 100, count: 100 });
    expect(buckets.reduce((n, b) => n + b.count, 0)).toBe(1000);
  });

  it('returns only buckets with samples, in time order, with their mean and first and last times', () => {
    const points = [
      { t: 9_000, value: 3 },
      { t: 0, value: 1 },
      { t: 1_000, value: 5 },
    ];
    expect(downsample(points, 3)).toEqual([
      { index: 0, from: 0, to: 3000, min: 1, max: 5, mean: 3, count: 2, first: 0, last: 1000 },
      { index: 2, from: 6000, to: 9000, min: 3, max: 3, mean: 3, count: 1, first: 9000, last: 9000 },
    ]);
  });

  it('puts the last sample in the last bucket and a single instant in one bucket', () => {
    expect(bucketIndex(100, 0, 100, 4)).toBe(3);
    expect(bucketIndex(24.99, 0, 100, 4)).toBe(0);
    expect(bucketIndex(25, 0, 100, 4)).toBe(1);
    expect(
      downsample(
        [
          { t: 5, value: 1 },
          { t: 5, value: 2 },
        ],
        50,
      ),
    ).toEqual([{ index: 0, from: 5, to: 5, min: 1, max: 2, mean: 1.5, count: 2, first: 5, last: 5 }]);
    expect(downsample([], 10)).toEqual([]);
  });
});
