import { AuditEntryView, OptionDetailView, OptionView } from '../../src/options/dto/option.view';
import { valueOf } from '../../src/options/option-value.rules';
import { FULL_COST_TARGETS } from './cost-targets';

/** An exercised G1 option with its evidence and value section, for the export and memo specs. */
export function optionView(over: Partial<OptionView> = {}): OptionView {
  const unitPrice = over.terms?.unitPrice ?? '1250000.10';
  return {
    rackSerial: 'RK-0001',
    generation: 'G1',
    state: 'EXERCISED',
    version: 4,
    incarnation: 1,
    rma: null,
    terms: {
      generation: over.generation ?? 'G1',
      version: 2,
      status: 'ACTIVE',
      unitPrice,
      currency: 'USD',
      windowDays: 30,
      approvalThreshold: '1000000.00',
      publishedBy: 'fiona',
      publishedAt: '2026-01-02T08:00:00.000Z',
      review: null,
    },
    site: 'AUS-1',
    receivedAt: '2026-01-05T09:00:00.000Z',
    verdictAt: '2026-01-12T15:30:00.000Z',
    expiresAt: '2026-02-11T15:30:00.000Z',
    daysLeft: null,
    evidence: {
      evaluation: {
        outcome: 'PASSED',
        criteriaMet: 5,
        criteriaTotal: 5,
        performance: {
          metric: 'training_throughput',
          unit: 'tokens/s',
          measured: '24000',
          target: '20000',
          meetsTarget: true,
          suite: 'training-throughput',
          note: null,
        },
        power: { metric: 'rack_power', unit: 'kW', measured: '118.4', target: '132', meetsTarget: true, suite: 'burn-in', note: null },
        performancePerWatt: null,
        performanceRunPower: null,
        failedSuites: [],
        concludedAt: '2026-01-12T15:30:00.000Z',
      },
      domesticContent: { pct: '62.50', targetPct: '60.00', met: true },
      pricePerPerformanceUnit: '52.083338',
      pricePerPerformanceUnitOf: 'USD per tokens/s',
      waiver: null,
      intakeRejection: null,
      value: valueOf({
        price: { amount: unitPrice, currency: 'USD' },
        evaluation: {
          performance: {
            metric: 'training_throughput',
            unit: 'tokens/s',
            measured: '24000',
            target: '20000',
            suite: 'training-throughput',
          },
          performanceRunPower: { metric: 'rack_power', unit: 'kW', measured: '118.4', target: '132', suite: 'training-throughput' },
        },
        bom: { cost: '905400.50', currency: 'USD' },
        domesticContent: { pct: '62.50', targetPct: '60.00' },
        targets: { version: 2, ...FULL_COST_TARGETS },
      }),
    },
    pendingRequest: null,
    lastRejection: null,
    outcome: {
      decidedBy: 'fiona',
      approvedBy: 'farid',
      rationale: 'meets every criterion and the cost targets',
      endedAt: '2026-01-14T10:00:00.000Z',
    },
    ...over,
  };
}

export function optionDetail(over: Partial<OptionDetailView> = {}): OptionDetailView {
  return {
    ...optionView(over),
    history: [
      {
        id: '1',
        rackSerial: 'RK-0001',
        action: 'EXERCISE_REQUESTED',
        actor: 'fiona',
        occurredAt: '2026-01-13T09:00:00.000Z',
        fromState: 'EXERCISABLE',
        toState: 'PENDING_APPROVAL',
        reason: 'meets every criterion and the cost targets',
        waiver: null,
        termsVersion: 2,
        unitPrice: '1250000.10',
        currency: 'USD',
        incarnation: 1,
      },
      approvalEntry(),
    ],
    ...over,
  };
}

/** The second finance user's approval that exercised the option, as its history and the audit trail show it. */
export function approvalEntry(over: Partial<AuditEntryView> = {}): AuditEntryView {
  return {
    id: '2',
    rackSerial: 'RK-0001',
    action: 'EXERCISE_APPROVED',
    actor: 'farid',
    occurredAt: '2026-01-14T10:00:00.000Z',
    fromState: 'PENDING_APPROVAL',
    toState: 'EXERCISED',
    reason: 'approved for the Q1 board',
    waiver: null,
    termsVersion: 2,
    unitPrice: '1250000.10',
    currency: 'USD',
    incarnation: 1,
    ...over,
  };
}
