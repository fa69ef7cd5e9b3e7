import { evaluationFigures, sharePct } from './programme.rules';

describe('programme rules (results)', () => {
  it('pass rate is passed ÷ concluded; first-pass yield is first-pass ÷ concluded', () => {
    const sut = evaluationFigures({ concluded: 8, passed: 6, first_pass: 3 });
    expect(sut.evaluations).toEqual({ concluded: 8, passed: 6, failed: 2, passRatePct: '75.00' });
    expect(sut.firstPassYield).toEqual({ firstPass: 3, concluded: 8, pct: '37.50' });
  });

  it('before any evaluation concludes there is no rate, not 0 %', () => {
    const sut = evaluationFigures(undefined);
    expect(sut.evaluations.passRatePct).toBeNull();
    expect(sut.firstPassYield.pct).toBeNull();
  });

  it('a first-pass count above the passes is refused (first pass is a subset of passed)', () => {
    expect(() => evaluationFigures({ concluded: 2, passed: 1, first_pass: 2 })).toThrow(/inconsistent/);
  });

  it('shares round to 2 decimals', () => {
    expect(sharePct(1, 3)).toBe('33.33');
    expect(sharePct(2, 3)).toBe('66.67');
    expect(sharePct(0, 5)).toBe('0.00');
  });
});
