import type { CriterionFigures } from '../api';
import { bandInWords, metricsAcross } from './criteria-side-by-side';

const criterion = (metric: string, change: Partial<CriterionFigures> = {}) =>
  ({
    metric,
    unit: 'kW',
    comparator: 'lte',
    targetMin: null,
    targetMax: 120,
    judged: 0,
    failed: 0,
    passRatePct: null,
    p10: null,
    median: null,
    p90: null,
    min: null,
    max: null,
    ...change,
  }) as CriterionFigures;

describe('criteria side by side', () => {
  it('groups each metric across the generations that judge it, in first-seen order', () => {
    const sut = metricsAcross([
      { generation: 'G1', criteria: [criterion('rack_power'), criterion('tokens', { unit: 'tokens/s' })] },
      { generation: 'G2', criteria: [criterion('tokens', { unit: 'tokens/s' })] },
    ]);
    expect(sut.map((m) => [m.metric, m.rows.map((r) => r.generation)])).toEqual([
      ['rack_power', ['G1']],
      ['tokens', ['G1', 'G2']],
    ]);
  });

  it('says each band in words', () => {
    expect(bandInWords(criterion('p'))).toBe('≤ 120 kW');
    expect(bandInWords(criterion('t', { comparator: 'gte', targetMin: 3000, targetMax: null, unit: 'tokens/s' }))).toBe('≥ 3,000 tokens/s');
    expect(bandInWords(criterion('c', { comparator: 'between', targetMin: 18, targetMax: 32, unit: 'C' }))).toBe('18–32 C');
  });
});
