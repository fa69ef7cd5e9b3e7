import { drawableBoxes, figure, signedPct } from './comparison-figures';

describe('comparison figures', () => {
  it('reads numbers sent as numbers or decimal strings', () => {
    expect(figure('12.5')).toBe(12.5);
    expect(figure(3)).toBe(3);
    expect(figure(null)).toBeNull();
    expect(figure('n/a')).toBeNull();
  });

  it('draws only generations with a full distribution', () => {
    const sut = drawableBoxes({
      metric: 'm',
      asOf: '2026-11-20T14:05:00.000Z',
      generations: [
        { generation: 'G1', unit: 'W', runs: 4, count: 4, min: 1, p50: 2, p90: 3, max: 4, passed: 3, passRatePct: '75.00' },
        { generation: 'G2', unit: 'W', runs: 1, count: 0, min: null, p50: null, p90: null, max: null, passed: 0, passRatePct: '0.00' },
      ],
    });
    expect(sut).toEqual([{ generation: 'G1', unit: 'W', min: 1, p50: 2, p90: 3, max: 4, passRatePct: 75, runs: 4 }]);
  });

  it('spells out the sign of a relative difference', () => {
    expect(signedPct(12.345)).toBe('+12.3 %');
    expect(signedPct(-3)).toBe('−3.0 %');
    expect(signedPct(null)).toBe('—');
  });
});
