import { evaluationFigures, originFailures, sharePct } from './programme.rules';

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

  describe('failures by origin (lot or supplier)', () => {
    const origin = (name: string | null, concluded: number, failed: number, failedRuns = failed) => ({
      origin: name,
      concluded,
      failed,
      failedRuns,
    });

    it('counts failed racks against concluded racks, with the failed runs beside', () => {
      const [sut] = originFailures([origin('LOT-A', 8, 2, 5)]);
      expect(sut).toEqual({ origin: 'LOT-A', concluded: 8, failed: 2, failedRuns: 5, failureRatePct: '25.00' });
    });

    it('puts the most failed racks first, then the higher rate, then more failed runs, then the name', () => {
      const sut = originFailures([
        origin('LOT-SMALL', 2, 2),
        origin('LOT-BIG', 400, 10),
        origin('LOT-MID', 40, 10),
        origin('LOT-RETRIES', 40, 2, 9),
        origin('LOT-B', 40, 2, 2),
        origin('LOT-A', 40, 2, 2),
      ]);
      expect(sut.map((row) => row.origin)).toEqual(['LOT-MID', 'LOT-BIG', 'LOT-SMALL', 'LOT-RETRIES', 'LOT-A', 'LOT-B']);
    });

    it('a lot with failed runs and no concluded evaluation yet has no rate, not 0 %, and comes after those with one', () => {
      const sut = originFailures([origin('LOT-NEW', 0, 0, 3), origin('LOT-OLD', 10, 0, 0)]);
      expect(sut).toEqual([
        { origin: 'LOT-OLD', concluded: 10, failed: 0, failedRuns: 0, failureRatePct: '0.00' },
        { origin: 'LOT-NEW', concluded: 0, failed: 0, failedRuns: 3, failureRatePct: null },
      ]);
    });

    it('names only the first few origins, and always shows the racks of unknown origin last', () => {
      const sut = originFailures(
        [origin(null, 5, 4), ...Array.from({ length: 30 }, (_, i) => origin(`LOT-${String(i).padStart(2, '0')}`, 10, i))],
        20,
      );
      expect(sut).toHaveLength(21);
      expect(sut[0].origin).toBe('LOT-29');
      expect(sut[19].origin).toBe('LOT-10');
      expect(sut[20]).toEqual({ origin: null, concluded: 5, failed: 4, failedRuns: 4, failureRatePct: '80.00' });
    });
  });
});
