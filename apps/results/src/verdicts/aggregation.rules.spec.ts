import { aggregate, percentile } from './aggregation.rules';

describe('aggregate', () => {
  const samples = [12, 3, 7, 20, 5, 9, 1, 15, 11, 8];

  it('computes min, max, mean and last (in observation order)', () => {
    expect(aggregate('min', samples)).toBe(1);
    expect(aggregate('max', samples)).toBe(20);
    expect(aggregate('mean', samples)).toBeCloseTo(9.1);
    expect(aggregate('last', samples)).toBe(8);
  });

  it('computes nearest-rank percentiles', () => {
    expect(aggregate('p50', samples)).toBe(8);
    expect(aggregate('p90', samples)).toBe(15);
    expect(aggregate('p95', samples)).toBe(20);
    expect(aggregate('p99', samples)).toBe(20);
    expect(percentile([4], 0.99)).toBe(4);
    const hundred = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect(percentile(hundred, 0.95)).toBe(95);
    expect(percentile(hundred, 0.5)).toBe(50);
  });

  it('has no figure without samples', () => {
    expect(aggregate('mean', [])).toBeUndefined();
    expect(aggregate('last', [])).toBeUndefined();
  });

  it('keeps the mean exact over many similar samples', () => {
    const many = Array.from({ length: 100_000 }, () => 0.1);
    expect(aggregate('mean', many)).toBeCloseTo(0.1, 12);
  });
});
