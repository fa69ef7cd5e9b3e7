import { render, screen } from '@testing-library/react';
import type { Criterion, MetricSeries } from '../api';
import { outsideOf, SeriesChart } from './series-chart';

const bucket = (index: number, min: number, max: number, count: number) => ({
  index,
  min,
  max,
  mean: (min + max) / 2,
  count,
  from: '2026-11-20T10:00:00.000Z',
  to: '2026-11-20T10:01:00.000Z',
  first: new Date(Date.UTC(2026, 10, 20, 10, index)).toISOString(),
  last: new Date(Date.UTC(2026, 10, 20, 10, index, 30)).toISOString(),
});
const criterion = { metric: 'rack.power', unit: 'kW', comparator: 'lte', max: 130, required: true, category: 'power' } as Criterion;

describe('server-downsampled chart', () => {
  it('counts samples outside the band exactly when buckets lie wholly inside or outside, else as a lower bound', () => {
    expect(outsideOf([bucket(0, 100, 120, 500), bucket(1, 131, 140, 20)], { high: 130 })).toEqual({ count: 20, exact: true });
    expect(outsideOf([bucket(0, 100, 150, 500)], { high: 130 })).toEqual({ count: 1, exact: false });
    expect(outsideOf([bucket(0, 150, 150, 1)], { low: 10, high: 130 })).toEqual({ count: 1, exact: true });
  });

  it('names the samples summarised and the buckets drawn, keeping a spike visible as a cross', () => {
    const series = {
      runId: 'r',
      metric: 'rack.power',
      unit: 'kW',
      samples: 1_000_000,
      bucketsRequested: 246,
      from: '2026-11-20T10:00:00.000Z',
      to: '2026-11-20T10:02:30.000Z',
      buckets: [bucket(0, 100, 120, 400_000), bucket(1, 101, 180, 300_000), bucket(2, 99, 121, 300_000)],
    } as MetricSeries;
    const { container } = render(<SeriesChart criterion={criterion} series={series} />);
    expect(screen.getByRole('img', { name: 'rack.power: 1000000 samples, at least 1 outside the target band' })).toBeTruthy();
    expect(screen.getByText(/3 time buckets, each drawn from its lowest to its highest sample/)).toBeTruthy();
    expect(container.querySelectorAll('.chart-point-bad')).toHaveLength(1);
  });
});
