import { bars, domesticTrend, generationColumns, humanise, moneyInWords, originLines, withinBand } from './programme-figures';

describe('programme figures', () => {
  it('puts every generation any service knows in one column, in code order, with what each service said', () => {
    const sut = generationColumns({
      intake: {
        generations: [
          { generation: 'G10', name: 'Ten' },
          { generation: 'G2', name: 'Two' },
        ],
      } as never,
      results: { generations: [{ generation: 'G3' }, { generation: 'G2' }] } as never,
    });
    expect(sut.map((c) => c.generation)).toEqual(['G2', 'G3', 'G10']);
    expect(sut[0]).toMatchObject({ name: 'Two', intake: { name: 'Two' }, results: { generation: 'G2' }, testRun: undefined });
    expect(sut[1].name).toBeNull();
  });

  it('draws only the states that have something, each with its share', () => {
    const sut = bars([
      { key: 'RECEIVED', count: 1 },
      { key: 'PURCHASED', count: 0 },
      { key: 'EVALUATION_FAILED', count: 3 },
    ]);
    expect(sut).toEqual([
      { key: 'RECEIVED', label: 'Received', count: 1, share: 0.25 },
      { key: 'EVALUATION_FAILED', label: 'Evaluation failed', count: 3, share: 0.75 },
    ]);
    expect(bars([])).toEqual([]);
  });

  it('never adds money across currencies', () => {
    const format = (amount: string, currency: string) => `${amount} ${currency}`;
    expect(
      moneyInWords(
        [
          { currency: 'USD', amount: '10.00', options: 1 },
          { currency: 'EUR', amount: '5.00', options: 1 },
        ],
        format,
      ),
    ).toBe('10.00 USD + 5.00 EUR');
    expect(moneyInWords([], format)).toBe('—');
  });

  it('follows domestic content across generations, skipping one without racks', () => {
    const column = (generation: string, meanPct: string | null) => ({
      generation,
      name: null,
      intake: { domesticContent: { meanPct, minPct: meanPct && '10.00', maxPct: meanPct && '90.00', targetPct: '60.00' } } as never,
    });
    expect(domesticTrend([column('G1', '55.50'), column('G2', null)])).toEqual([
      { generation: 'G1', mean: 55.5, min: 10, max: 90, target: 60 },
    ]);
  });

  it('judges a figure against a band open at either end', () => {
    expect(withinBand(1100, { targetMin: 1000, targetMax: null })).toBe(true);
    expect(withinBand(121, { targetMin: null, targetMax: 120 })).toBe(false);
    expect(withinBand(null, { targetMin: 1, targetMax: 2 })).toBeNull();
    expect(humanise('PENDING_APPROVAL')).toBe('Pending approval');
  });

  it('shows the worst lots at a glance, folds the rest, and keeps the racks of unknown lot in view', () => {
    const lot = (name: string | null, failed: number) => ({
      name,
      concluded: 10,
      failed,
      failureRatePct: `${failed * 10}.00`,
      failedRuns: failed,
    });
    const sut = originLines([lot('LOT-A', 5), lot('LOT-B', 4), lot('LOT-C', 3), lot(null, 2)], 'unknown lot', 2);
    expect(sut.lines.map((l) => l.label)).toEqual(['LOT-A', 'LOT-B', 'unknown lot']);
    expect(sut.folded.map((l) => l.label)).toEqual(['LOT-C']);
    expect(new Set([...sut.lines, ...sut.folded].map((l) => l.key)).size).toBe(4);
  });
});
