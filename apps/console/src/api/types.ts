/**
 * Response and request shapes of the HTTP contract, as the console reads them.
 * The services own these shapes; when one changes, this file (and only this file) follows.
 * The console deliberately does not import @rackeval/contracts: that library carries
 * class-validator decorators that have no place in a browser bundle.
 */

export const ROLES = ['intake', 'test-engineer', 'finance', 'admin', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export interface Session {
  accessToken: string;
  username: string;
  roles: Role[];
  /** Epoch milliseconds after which the token is no longer accepted. */
  expiresAt: number;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** The one error body every service and the gateway return. */
export interface ErrorBody {
  statusCode: number;
  error: string;
  code: string;
  message: string;
  details: Array<{ field: string; message: string }>;
  correlationId?: string;
}

// ---- intake ---------------------------------------------------------------------------------

/** Lifecycle stages in board order (AWAITING_RETURN is intake's stage between a final verdict and RETURNED). */
export const RACK_STATES = [
  'RECEIVED',
  'QUARANTINED',
  'REJECTED_AT_INTAKE',
  'RELEASED_FOR_EVALUATION',
  'IN_EVALUATION',
  'EVALUATION_PASSED',
  'EVALUATION_FAILED',
  'AWAITING_RETURN',
  'PURCHASED',
  'RETURNED',
] as const;
export type RackState = (typeof RACK_STATES)[number];

export const COOLING_TYPES = ['air', 'direct-liquid', 'immersion'] as const;
export type CoolingType = (typeof COOLING_TYPES)[number];

export const BOM_CATEGORIES = ['compute', 'networking', 'cabling', 'cooling', 'power', 'mechanical'] as const;
export type BomCategory = (typeof BOM_CATEGORIES)[number];

export interface Generation {
  code: string;
  name: string;
  cooling: CoolingType;
  rackPowerBudgetKw: string;
  gpusPerRack: number;
  domesticContentTargetPct: string;
  registeredAt: string;
  registeredBy: string;
}

export type NewGeneration = Omit<Generation, 'registeredAt' | 'registeredBy'>;

export interface RackSummary {
  serial: string;
  generation: string;
  lot: string;
  site: string;
  deliveryReference: string;
  state: RackState;
  receivedAt: string;
  updatedAt: string;
  version: number;
  bomCost: string;
  bomCurrency: string;
  domesticContentPct: string;
  domesticContentTargetPct: string;
  meetsDomesticContentTarget: boolean;
}

export interface BomLine {
  line: number;
  partNumber: string;
  category: string;
  quantity: number;
  unitCost: string;
  currency: string;
  supplier: string;
  countryOfOrigin: string;
}

export interface InspectionCheck {
  name: string;
  passed: boolean;
  note?: string;
}

export const INSPECTION_OUTCOMES = ['ACCEPTED', 'QUARANTINED', 'REJECTED'] as const;
export type InspectionOutcome = (typeof INSPECTION_OUTCOMES)[number];

export interface Inspection {
  id: string;
  outcome: InspectionOutcome;
  checks: InspectionCheck[];
  note: string | null;
  inspectedBy: string;
  inspectedAt: string;
}

export interface RackHistoryEntry {
  from: RackState | null;
  to: RackState;
  actor: string;
  reason: string;
  at: string;
  causeEventId: string | null;
  eventId: string | null;
}

export interface RackDetail extends RackSummary {
  bom: BomLine[];
  inspections: Inspection[];
  history: RackHistoryEntry[];
}

export interface RackQuery {
  generation?: string;
  state?: RackState;
  site?: string;
  serialPrefix?: string;
  cursor?: string;
  limit?: number;
}

export interface NewBomLine {
  partNumber: string;
  category: BomCategory;
  quantity: number;
  unitCost: string;
  currency: string;
  supplier: string;
  countryOfOrigin: string;
}

export interface NewDelivery {
  reference: string;
  site: string;
  receivedAt: string;
  racks: Array<{ serial: string; generation: string; lot: string; bom: NewBomLine[] }>;
}

export interface DeliveryReceipt {
  reference: string;
  site: string;
  receivedAt: string;
  registeredBy: string;
  registeredAt: string;
  racks: Array<{
    serial: string;
    generation: string;
    lot: string;
    bomLines: number;
    bomCost: string;
    bomCurrency: string;
    domesticContentPct: string;
    domesticContentTargetPct: string;
    meetsDomesticContentTarget: boolean;
  }>;
}

export interface NewInspection {
  checks: InspectionCheck[];
  outcome: InspectionOutcome;
  note?: string;
}

// ---- test-run -------------------------------------------------------------------------------

export const RUN_STATES = ['SCHEDULED', 'RUNNING', 'COMPLETED', 'ABORTED'] as const;
export type RunState = (typeof RUN_STATES)[number];

export interface Run {
  id: string;
  state: RunState;
  rackSerial: string;
  generation: string;
  suite: string;
  suiteName: string;
  attempt: number;
  maxAttempts: number;
  required: boolean;
  planVersion: number;
  metrics: string[];
  bay: string;
  site: string;
  version: number;
  scheduledAt: string;
  scheduledBy: string;
  startedAt: string | null;
  startedBy: string | null;
  completedAt: string | null;
  completedBy: string | null;
  abortedAt: string | null;
  abortedBy: string | null;
  abortReason: string | null;
}

export interface Bay {
  code: string;
  site: string;
  free: boolean;
  occupiedBy: { runId: string; rackSerial: string; suite: string; state: string } | null;
  createdAt: string;
  createdBy: string;
}

export interface Suite {
  key: string;
  name: string;
  required: boolean;
  maxAttempts: number;
  metrics: string[];
}

export interface TestPlan {
  generation: string;
  version: number;
  suites: Suite[];
  publishedAt: string;
  publishedBy: string;
}

// ---- results --------------------------------------------------------------------------------

export const COMPARATORS = ['gte', 'lte', 'between'] as const;
export type Comparator = (typeof COMPARATORS)[number];

export const CRITERION_CATEGORIES = ['performance', 'power', 'thermal', 'reliability', 'network', 'cost'] as const;
export type CriterionCategory = (typeof CRITERION_CATEGORIES)[number];

export interface Criterion {
  metric: string;
  unit: string;
  comparator: Comparator;
  min?: number;
  max?: number;
  required: boolean;
  category: string;
  aggregation?: string;
}

export interface CriteriaVersion {
  generation: string;
  version: number;
  createdAt: string;
  createdBy: string;
  criteria: Criterion[];
}

export interface NewMeasurement {
  metric: string;
  value: number;
  unit: string;
  component?: string;
  observedAt?: string;
}

export interface MeasurementReceipt {
  runId: string;
  accepted: number;
  byMetric: Record<string, number>;
  rejudged: boolean;
}

export interface Measurement {
  id: string;
  metric: string;
  value: number;
  unit: string;
  component: string | null;
  observedAt: string | null;
  recordedAt: string;
  recordedBy: string;
  source: string;
  supersededBy: string | null;
}

export type Verdict = 'PASS' | 'FAIL';

export interface CriterionJudgement extends Criterion {
  samples: number;
  measured?: number;
  result: Verdict;
  reason?: string;
}

export interface RunVerdict {
  runId: string;
  rackSerial: string;
  generation: string;
  suite: string;
  attempt: number;
  criteriaVersion: number;
  verdict: Verdict;
  revision: number;
  judgedAt: string;
  criteria: CriterionJudgement[];
}

export interface Figure {
  metric: string;
  unit: string;
  measured?: number;
  target?: number;
}

export interface SuiteProgress {
  suite: string;
  required: boolean;
  status: 'PASSED' | 'FAILED' | 'IN_PROGRESS' | 'NOT_STARTED';
  failedAttempts: number;
  maxAttempts: number;
  decidingRunId?: string;
}

export interface RackEvaluation {
  rackSerial: string;
  generation: string;
  outcome: 'PASSED' | 'FAILED' | 'PENDING';
  concludedAt?: string;
  failedSuites: string[];
  suites: SuiteProgress[];
  criteriaMet: number;
  criteriaTotal: number;
  performance?: Figure;
  power?: Figure;
  performancePerWatt?: Figure;
}

/** Per generation, the distribution of a metric's judged figure over completed runs (results comparisons). */
export interface GenerationComparison {
  metric: string;
  generations: Array<{
    generation: string;
    unit: string;
    /** Runs judged on this metric. */
    runs: number;
    /** Runs with a measured figure. */
    count: number;
    /** May arrive as numbers or decimal strings (PostgreSQL numeric); read with Number(). */
    min: number | string | null;
    p50: number | string | null;
    p90: number | string | null;
    max: number | string | null;
    passed: number;
    passRatePct: string | null;
  }>;
}

export interface RunSide {
  unit: string;
  samples: number;
  min: number;
  mean: number;
  max: number;
  judged?: number;
  result?: string;
}

export interface RunDifference {
  unit: string;
  mean: number;
  meanPct: number | null;
  min?: number;
  max?: number;
  judged?: number;
}

/** Every metric of two runs side by side; the difference is right − left in the left unit. */
export interface RunComparison {
  left: { runId: string; rackSerial: string; generation: string; suite: string; attempt: number; state: string };
  right: { runId: string; rackSerial: string; generation: string; suite: string; attempt: number; state: string };
  metrics: Array<{ metric: string; left: RunSide | null; right: RunSide | null; difference: RunDifference | null }>;
}

/** The answer to an OCPTV upload. */
export interface OcptvReceipt {
  runId: string;
  lines: number;
  measurements: number;
  rejudged: boolean;
  artifacts: number;
  steps: number;
  runStatus?: string;
  runResult?: string;
  diagnoses: Record<string, number>;
}

// ---- purchase-option ------------------------------------------------------------------------

export const OPTION_STATES = ['PENDING_EVALUATION', 'EXERCISABLE', 'NOT_EXERCISABLE', 'PENDING_APPROVAL', 'EXERCISED', 'DECLINED', 'LAPSED'] as const;
export type OptionState = (typeof OPTION_STATES)[number];

/** PROPOSED until another finance or admin user approves (ACTIVE) or rejects it; an older approved version is SUPERSEDED. */
export type TermsStatus = 'PROPOSED' | 'ACTIVE' | 'REJECTED' | 'SUPERSEDED';

export interface Terms {
  generation: string;
  version: number;
  status: TermsStatus;
  unitPrice: string;
  currency: string;
  windowDays: number;
  approvalThreshold: string;
  /** The proposer (username) and when. */
  publishedBy: string;
  publishedAt: string;
  review: { approved: boolean; reviewedBy: string; reviewedAt: string; note: string } | null;
}

export type NewTerms = Pick<Terms, 'unitPrice' | 'currency' | 'windowDays' | 'approvalThreshold'>;

export interface FigureEvidence {
  metric: string;
  unit: string;
  measured: string | null;
  target: string | null;
  meetsTarget: boolean | null;
}

export interface OptionEvidence {
  evaluation: {
    outcome: string;
    criteriaMet: number;
    criteriaTotal: number;
    performance: FigureEvidence | null;
    power: FigureEvidence | null;
    performancePerWatt: FigureEvidence | null;
    failedSuites: string[];
    concludedAt: string;
  } | null;
  domesticContent: { pct: string; targetPct: string; met: boolean };
  pricePerPerformanceUnit: string | null;
  pricePerPerformanceUnitOf: string | null;
  waiver: string | null;
}

export interface PurchaseOption {
  rackSerial: string;
  generation: string;
  state: OptionState;
  version: number;
  terms: Terms | null;
  site: string;
  receivedAt: string;
  verdictAt: string | null;
  expiresAt: string | null;
  daysLeft: number | null;
  evidence: OptionEvidence;
  pendingRequest: { requestedBy: string; requestedAt: string; rationale: string; waiver: string | null } | null;
  lastRejection: { rejectedBy: string; rejectedAt: string; note: string } | null;
  outcome: { decidedBy: string; approvedBy: string | null; rationale: string; endedAt: string } | null;
}

export interface AuditEntry {
  id: string;
  rackSerial: string;
  action: string;
  actor: string;
  occurredAt: string;
  fromState: string | null;
  toState: string | null;
  reason: string;
  waiver: string | null;
  termsVersion: number | null;
  unitPrice: string | null;
  currency: string | null;
}

export interface PurchaseOptionDetail extends PurchaseOption {
  history: AuditEntry[];
}

export interface OptionQuery {
  state?: OptionState;
  generation?: string;
  expiringWithinDays?: number;
  cursor?: string;
  limit?: number;
}

export interface DecisionRequest {
  decision: 'EXERCISE' | 'DECLINE';
  rationale: string;
  waiver?: string;
}

export interface ApprovalRequest {
  approve: boolean;
  note: string;
}
