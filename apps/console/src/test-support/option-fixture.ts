import type { PurchaseOptionDetail } from '../api';

/** An option as purchase-option's GET /v1/options/{rackSerial} returns it. */
export function optionFixture(change: Partial<PurchaseOptionDetail> = {}): PurchaseOptionDetail {
  return {
    rackSerial: 'RK-G2-0007',
    generation: 'G2',
    state: 'EXERCISABLE',
    version: 3,
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
        performance: { metric: 'training.tokens_per_s', unit: 'tokens/s', measured: '3200', target: '3000', meetsTarget: true },
        power: { metric: 'rack.power', unit: 'kW', measured: '128', target: '132', meetsTarget: true },
        performancePerWatt: null,
        failedSuites: [],
        concludedAt: '2026-11-20T10:00:00Z',
      },
      domesticContent: { pct: '62.50', targetPct: '60.00', met: true },
      pricePerPerformanceUnit: '390.625000',
      pricePerPerformanceUnitOf: 'USD per tokens/s',
      waiver: null,
      intakeRejection: null,
    },
    pendingRequest: null,
    lastRejection: null,
    outcome: null,
    history: [
      { id: 'a1', rackSerial: 'RK-G2-0007', action: 'OPENED', actor: 'rule', occurredAt: '2026-11-02T10:00:00Z', fromState: null, toState: 'PENDING_EVALUATION', reason: 'rack received', waiver: null, termsVersion: 1, unitPrice: '1250000.00', currency: 'USD' },
    ],
    ...change,
  };
}
