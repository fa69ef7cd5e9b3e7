import { FULL_COST_TARGETS } from '../../test/support/cost-targets';
import { CostTargetsInput, valueOf, ValueInputs } from './option-value.rules';

const targets = (over: Partial<CostTargetsInput> = {}): CostTargetsInput => ({ version: 2, ...FULL_COST_TARGETS, ...over });

const inputs = (over: Partial<ValueInputs> = {}): ValueInputs => ({
  price: { amount: '1250000.00', currency: 'USD' },
  evaluation: {
    performance: { metric: 'training_throughput', unit: 'tokens/s', measured: '24000', target: '20000', suite: 'training-throughput' },
    performanceRunPower: { metric: 'rack_power', unit: 'kW', measured: '118.4', target: '132', suite: 'training-throughput' },
  },
  bom: { cost: '905400.50', currency: 'USD' },
  domesticContent: { pct: '62.50', targetPct: '60.00' },
  targets: targets(),
  ...over,
});

describe('option value', () => {
  it('computes TCO as price + kW × years × 8760 h × PUE × energy price, exactly, rounded once to cents', () => {
    const sut = valueOf(inputs());
    // 118.4 × 5 × 8760 × 1.25 × 0.085 = 551 004 exactly
    expect(sut.energyCost.value).toBe('551004.00');
    expect(sut.tco).toMatchObject({ value: '1801004.00', unit: 'USD', target: null, met: null });
    expect(sut.tcoBasis).toBe('price + 118.4 kW × 5 y × 8760 h/y × PUE 1.25 × 0.085 USD/kWh');
  });

  it('rounds money half-to-even to cents and ratios half-to-even to 6 places', () => {
    const sut = valueOf(
      inputs({
        evaluation: {
          performance: { metric: 'tps', unit: 'tokens/s', measured: '3', target: null },
          performanceRunPower: { metric: 'rack_power', unit: 'kW', measured: '0.001', target: null },
        },
        targets: targets({
          energyPricePerKwh: '0.1',
          pue: '1',
          horizonYears: '0.5',
          maxPricePerPerformanceUnit: null,
          maxTcoPerPerformanceUnit: null,
        }),
      }),
    );
    // 0.001 kW × 0.5 × 8760 × 1 × 0.1 = 0.438 → 0.44; 1 250 000 ÷ 3 = 416 666.666666…7
    expect(sut.energyCost.value).toBe('0.44');
    expect(sut.pricePerPerformanceUnit.value).toBe('416666.666667');
    expect(sut.tcoPerPerformanceUnit.value).toBe('416666.813333');
    // 0.125 → 0.12 and 0.135 → 0.14: ties go to the even cent
    expect(valueOf(inputs({ price: { amount: '0.135', currency: 'USD' } })).price.value).toBe('0.14');
    const cents = valueOf(inputs({ price: { amount: '0.125', currency: 'USD' }, bom: { cost: '0', currency: 'USD' } }));
    expect(cents.price.value).toBe('0.12');
  });

  it('puts price, price and TCO per performance unit beside their targets and MEETS when all are met', () => {
    const sut = valueOf(inputs());
    expect(sut.price).toMatchObject({ value: '1250000.00', targetName: 'maxUnitPrice', target: '1300000.00', met: true });
    expect(sut.pricePerPerformanceUnit).toMatchObject({ value: '52.083333', unit: 'USD per tokens/s', target: '60', met: true });
    expect(sut.tcoPerPerformanceUnit).toMatchObject({ value: '75.041833', target: '70', met: false });
    expect(sut.costVerdict).toBe('MISSES');
    const meets = valueOf(inputs({ targets: targets({ maxTcoPerPerformanceUnit: '80' }) }));
    expect(meets).toMatchObject({ status: 'JUDGED', costVerdict: 'MEETS', missedTargets: [], unjudgedTargets: [], costTargetsVersion: 2 });
  });

  it('names every target missed', () => {
    const sut = valueOf(
      inputs({
        targets: targets({ maxUnitPrice: '1000000.00', maxPricePerPerformanceUnit: '40' }),
        domesticContent: { pct: '55.00', targetPct: '60.00' },
      }),
    );
    expect(sut.costVerdict).toBe('MISSES');
    expect(sut.missedTargets).toEqual([
      'maxUnitPrice',
      'maxPricePerPerformanceUnit',
      'maxTcoPerPerformanceUnit',
      'domesticContentTargetPct',
    ]);
  });

  it('judges a target on the rounded figure shown: equal to the target is met', () => {
    const sut = valueOf(
      inputs({ targets: targets({ maxUnitPrice: '1250000', maxPricePerPerformanceUnit: '52.083333', maxTcoPerPerformanceUnit: null }) }),
    );
    expect(sut.price.met).toBe(true);
    expect(sut.pricePerPerformanceUnit.met).toBe(true);
    expect(sut.costVerdict).toBe('MEETS');
  });

  it('shows BOM cost and the margin over it', () => {
    const sut = valueOf(inputs());
    expect(sut.bomCost).toMatchObject({ value: '905400.50', unit: 'USD' });
    expect(sut.margin).toMatchObject({ value: '344599.50', unit: 'USD' });
    const negative = valueOf(inputs({ bom: { cost: '1300000.10', currency: 'USD' } }));
    expect(negative.margin.value).toBe('-50000.10');
    const euros = valueOf(inputs({ bom: { cost: '1', currency: 'EUR' } }));
    expect(euros.margin).toMatchObject({ value: null, missing: 'the BOM is costed in EUR; the price is in USD' });
  });

  it('has no verdict without active cost targets (NO_TARGETS) but still shows the figures it can', () => {
    const sut = valueOf(inputs({ targets: null }));
    expect(sut).toMatchObject({ status: 'NO_TARGETS', costVerdict: null, missedTargets: [], costTargetsVersion: null, currency: 'USD' });
    expect(sut.pricePerPerformanceUnit.value).toBe('52.083333');
    expect(sut.tco).toMatchObject({ value: null, missing: 'the cost targets give no energy price, PUE and horizon' });
  });

  it('says which fact is missing instead of guessing, and gives no verdict while a target cannot be judged', () => {
    const pending = valueOf(inputs({ evaluation: null }));
    expect(pending.status).toBe('INCOMPLETE');
    expect(pending.costVerdict).toBeNull();
    expect(pending.power).toMatchObject({ value: null, missing: 'the evaluation has not concluded' });
    expect(pending.unjudgedTargets).toEqual([
      { target: 'maxPricePerPerformanceUnit', reason: 'the evaluation has not concluded' },
      { target: 'maxTcoPerPerformanceUnit', reason: 'the evaluation has not concluded' },
    ]);
    const noRunPower = valueOf(
      inputs({
        evaluation: {
          performance: { metric: 'tps', unit: 'tokens/s', measured: '24000', target: null },
          performanceRunPower: {
            metric: 'power',
            unit: 'kW',
            measured: null,
            target: null,
            note: 'no power criterion was measured in the training run that measured tps',
          },
        },
      }),
    );
    expect(noRunPower.tco.missing).toBe('no power criterion was measured in the training run that measured tps');
    expect(noRunPower.unjudgedTargets).toEqual([
      { target: 'maxTcoPerPerformanceUnit', reason: 'no power criterion was measured in the training run that measured tps' },
    ]);
  });

  it('still MISSES when a judged target is missed even if another cannot be judged', () => {
    const sut = valueOf(inputs({ evaluation: null, targets: targets({ maxUnitPrice: '1000000.00' }) }));
    expect(sut).toMatchObject({ status: 'JUDGED', costVerdict: 'MISSES', missedTargets: ['maxUnitPrice'] });
    expect(sut.unjudgedTargets.map((u) => u.target)).toEqual(['maxPricePerPerformanceUnit', 'maxTcoPerPerformanceUnit']);
  });

  it('does not judge per-unit targets against performance measured in another unit, or money in another currency', () => {
    const sut = valueOf(inputs({ targets: targets({ performanceUnit: 'samples/s' }) }));
    expect(sut.pricePerPerformanceUnit).toMatchObject({
      value: '52.083333',
      met: null,
      missing: 'targets are per samples/s; performance was measured in tokens/s',
    });
    const euro = valueOf(inputs({ targets: targets({ currency: 'EUR' }) }));
    expect(euro.price).toMatchObject({ value: null, met: null, missing: 'the price is in USD; the cost targets are in EUR' });
    expect(euro.costVerdict).toBeNull();
  });
});
