import type { OptionValue, PurchaseOptionDetail, ValueFigure } from '../api';

/** An option as purchase-option's GET /v1/options/{rackSerial} returns it. */
export function optionFixture(change: Partial<PurchaseOptionDetail> = {}): PurchaseOptionDetail {
  return {
    rackSerial: 'RK-G2-0007',
    generation: 'G2',
    state: 'EXERCISABLE',
    version: 3,
    incarnation: 1,
    rma: null,
    terms: {
      generation: 'G2',
      version: 1,
      status: 'ACTIVE',
      unitPrice: '1250000.00',
      currency: 'USD',
      windowDays: 30,
      approvalThreshold: '1000000.00',
      publishedBy: 'ada',
      publishedAt: '2026-11-01T00:00:00Z',
      review: { approved: true, reviewedBy: 'fiona', reviewedAt: '2026-11-01T01:00:00Z', note: 'agreed' },
    },
    site: 'US-TX-1',
    receivedAt: '2026-11-02T10:00:00Z',
    verdictAt: '2026-11-20T10:00:00Z',
    expiresAt: '2026-12-20T10:00:00Z',
    daysLeft: 12,
    evidence: {
      evaluation: {
        outcome: 'PASSED',
        criteriaMet: 9,
        criteriaTotal: 10,
        performance: {
          metric: 'training.tokens_per_s',
          unit: 'tokens/s',
          measured: '3200',
          target: '3000',
          meetsTarget: true,
          suite: 'training-throughput',
          note: null,
        },
        power: { metric: 'rack.power', unit: 'kW', measured: '128', target: '132', meetsTarget: true, suite: 'burn-in', note: null },
        performancePerWatt: null,
        performanceRunPower: {
          metric: 'rack.power',
          unit: 'kW',
          measured: '125',
          target: '132',
          meetsTarget: true,
          suite: 'training-throughput',
          note: null,
        },
        failedSuites: [],
        concludedAt: '2026-11-20T10:00:00Z',
      },
      domesticContent: { pct: '62.50', targetPct: '60.00', met: true },
      pricePerPerformanceUnit: '390.625000',
      pricePerPerformanceUnitOf: 'USD per tokens/s',
      waiver: null,
      intakeRejection: null,
      value: valueFixture(),
    },
    pendingRequest: null,
    lastRejection: null,
    outcome: null,
    history: [
      {
        id: 'a1',
        rackSerial: 'RK-G2-0007',
        action: 'OPENED',
        actor: 'rule',
        occurredAt: '2026-11-02T10:00:00Z',
        fromState: null,
        toState: 'PENDING_EVALUATION',
        reason: 'rack received',
        waiver: null,
        termsVersion: 1,
        unitPrice: '1250000.00',
        currency: 'USD',
        incarnation: 1,
      },
    ],
    ...change,
  };
}

const figure = (value: string | null, unit: string, more: Partial<ValueFigure> = {}): ValueFigure => ({
  value,
  unit,
  targetName: null,
  target: null,
  met: null,
  missing: null,
  ...more,
});

/** The value section of an option that misses one cost target. */
export function valueFixture(change: Partial<OptionValue> = {}): OptionValue {
  return {
    status: 'JUDGED',
    costVerdict: 'MISSES',
    missedTargets: ['maxTcoPerPerformanceUnit'],
    unjudgedTargets: [],
    costTargetsVersion: 2,
    currency: 'USD',
    rounding: 'money half-to-even to 2 decimal places; ratios per performance unit half-to-even to 6 decimal places',
    tcoBasis: 'price + 125 kW × 5 y × 8760 h/y × PUE 1.25 × 0.085 USD/kWh',
    price: figure('1250000.00', 'USD', { targetName: 'maxUnitPrice', target: '1300000.00', met: true }),
    performance: figure('3200', 'tokens/s'),
    power: figure('125', 'kW'),
    pricePerPerformanceUnit: figure('390.625000', 'USD per tokens/s', {
      targetName: 'maxPricePerPerformanceUnit',
      target: '400',
      met: true,
    }),
    energyCost: figure('581718.75', 'USD'),
    tco: figure('1831718.75', 'USD'),
    tcoPerPerformanceUnit: figure('572.412109', 'USD per tokens/s', { targetName: 'maxTcoPerPerformanceUnit', target: '550', met: false }),
    bomCost: figure('905400.50', 'USD'),
    margin: figure('344599.50', 'USD'),
    domesticContent: figure('62.50', '%', { targetName: 'domesticContentTargetPct', target: '60.00', met: true }),
    ...change,
  };
}

/** The RMA of an option's rack while the rack is at the manufacturer: shipped, not back yet. */
export const shippedRmaFixture: NonNullable<PurchaseOptionDetail['rma']> = {
  rmaId: '4a1c2b3d-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
  rmaNumber: 'RMA-2026-0042',
  shippedAt: '2026-11-30T09:15:00.000Z',
  receivedAt: null,
  incarnationAfter: null,
  returnKind: null,
  replacedBy: null,
};
