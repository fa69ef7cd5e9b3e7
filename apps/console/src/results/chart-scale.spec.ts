import { linearScale, niceStep, targetBand } from './chart-scale';

describe('chart scale', () => {
  it('picks round steps', () => {
    expect(niceStep(100)).toBe(20);
    expect(niceStep(7)).toBe(2);
    expect(niceStep(0)).toBe(1);
  });

  it('maps the widened domain onto pixels, y axis upside down', () => {
    const sut = linearScale([12, 87], 200, 0);
    expect(sut.ticks[0]).toBe(0);
    expect(sut.ticks.at(-1)).toBe(100);
    expect(sut(0)).toBe(200);
    expect(sut(100)).toBe(0);
  });

  it('copes with a single value', () => {
    const sut = linearScale([5, 5], 0, 100);
    expect(sut(5)).toBeGreaterThan(0);
    expect(sut(5)).toBeLessThan(100);
  });

  it('gives each comparator its band', () => {
    expect(targetBand({ comparator: 'gte', min: 3 })).toEqual({ low: 3 });
    expect(targetBand({ comparator: 'lte', max: 9 })).toEqual({ high: 9 });
    expect(targetBand({ comparator: 'between', min: 3, max: 9 })).toEqual({ low: 3, high: 9 });
  });
});
