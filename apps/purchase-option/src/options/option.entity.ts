import type { EvaluationOutcome, OptionState } from '@rackeval/contracts';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A headline figure as exact decimal strings (results sends JSON numbers; converted once on arrival). */
export interface StoredFigure {
  metric: string;
  unit: string;
  measured: string | null;
  target: string | null;
  /** The suite whose run measured it, when results names it. */
  suite?: string;
  /** Why a figure has no measured value (results says so rather than guessing). */
  note?: string;
}

/** One purchase option per rack; `version` guards every update (optimistic locking). */
@Entity('purchase_option')
export class PurchaseOptionEntity {
  @PrimaryColumn() rackSerial: string;
  @Column() generation: string;
  @Column({ type: 'text' }) state: OptionState;
  /** Which unit under the serial the option is about: 1 as first delivered, one more after each return from an RMA. */
  @Column({ type: 'integer', default: 1 }) incarnation: number;
  @Column({ type: 'integer', nullable: true }) termsVersion: number | null;
  @Column() deliveryReference: string;
  @Column() site: string;
  @Column() lot: string;
  @Column({ type: 'numeric' }) domesticContentPct: string;
  @Column({ type: 'numeric' }) domesticContentTargetPct: string;
  @Column({ type: 'numeric' }) bomCost: string;
  @Column() bomCurrency: string;
  @Column({ type: 'timestamptz' }) receivedAt: Date;
  @Column({ type: 'timestamptz' }) openedAt: Date;
  @Column({ type: 'timestamptz', nullable: true }) verdictAt: Date | null;
  @Column({ type: 'timestamptz', nullable: true }) expiresAt: Date | null;
  @Column({ type: 'text', nullable: true }) requestedBy: string | null;
  @Column({ type: 'timestamptz', nullable: true }) requestedAt: Date | null;
  @Column({ type: 'text', nullable: true }) requestRationale: string | null;
  @Column({ type: 'text', nullable: true }) requestWaiver: string | null;
  @Column({ type: 'text', nullable: true }) requestedFrom: OptionState | null;
  @Column({ type: 'text', nullable: true }) lastRejectionBy: string | null;
  @Column({ type: 'timestamptz', nullable: true }) lastRejectionAt: Date | null;
  @Column({ type: 'text', nullable: true }) lastRejectionNote: string | null;
  @Column({ type: 'text', nullable: true }) decidedBy: string | null;
  @Column({ type: 'text', nullable: true }) approvedBy: string | null;
  @Column({ type: 'text', nullable: true }) decisionRationale: string | null;
  @Column({ type: 'text', nullable: true }) waiver: string | null;
  @Column({ type: 'timestamptz', nullable: true }) endedAt: Date | null;
  /** Set when intake rejected the rack: its option can only be declined or lapse. */
  @Column({ type: 'text', nullable: true }) intakeRejectionReason: string | null;
  @Column({ type: 'timestamptz', nullable: true }) intakeRejectedAt: Date | null;
  /** Issuer + subject of the people named above (the *By columns hold usernames, for display). */
  @Column({ type: 'text', nullable: true }) requestedById: string | null;
  @Column({ type: 'text', nullable: true }) decidedById: string | null;
  @Column({ type: 'text', nullable: true }) approvedById: string | null;
  @Column({ type: 'text', nullable: true }) lastRejectionById: string | null;
  @Column({ type: 'integer' }) version: number;
  @Column({ type: 'timestamptz' }) updatedAt: Date;
}

/** The columns of a decision, a request and a verdict, all empty: a newly opened option, or one reopened for its unit's next incarnation. */
export function noDecision(): Pick<
  PurchaseOptionEntity,
  | 'verdictAt'
  | 'expiresAt'
  | 'requestedBy'
  | 'requestedAt'
  | 'requestRationale'
  | 'requestWaiver'
  | 'requestedFrom'
  | 'lastRejectionBy'
  | 'lastRejectionAt'
  | 'lastRejectionNote'
  | 'decidedBy'
  | 'approvedBy'
  | 'decisionRationale'
  | 'waiver'
  | 'endedAt'
  | 'intakeRejectionReason'
  | 'intakeRejectedAt'
  | 'requestedById'
  | 'decidedById'
  | 'approvedById'
  | 'lastRejectionById'
> {
  return {
    verdictAt: null,
    expiresAt: null,
    requestedBy: null,
    requestedAt: null,
    requestRationale: null,
    requestWaiver: null,
    requestedFrom: null,
    lastRejectionBy: null,
    lastRejectionAt: null,
    lastRejectionNote: null,
    decidedBy: null,
    approvedBy: null,
    decisionRationale: null,
    waiver: null,
    endedAt: null,
    intakeRejectionReason: null,
    intakeRejectedAt: null,
    requestedById: null,
    decidedById: null,
    approvedById: null,
    lastRejectionById: null,
  };
}

/** Results' evaluation summary for a rack; kept even when it arrives before the rack is known here. */
@Entity('rack_evaluation')
export class RackEvaluationEntity {
  @PrimaryColumn() rackSerial: string;
  @Column() generation: string;
  @Column({ type: 'text' }) outcome: EvaluationOutcome;
  @Column({ type: 'integer' }) criteriaMet: number;
  @Column({ type: 'integer' }) criteriaTotal: number;
  @Column({ type: 'jsonb', nullable: true }) performance: StoredFigure | null;
  @Column({ type: 'jsonb', nullable: true }) power: StoredFigure | null;
  @Column({ type: 'jsonb', nullable: true }) performancePerWatt: StoredFigure | null;
  /** Power measured in the run that measured performance, in kW (TCO and performance per watt use it); null when none was. */
  @Column({ type: 'jsonb', nullable: true }) performanceRunPower: StoredFigure | null;
  @Column({ type: 'jsonb' }) failedSuites: string[];
  @Column({ type: 'timestamptz' }) concludedAt: Date;
  @Column() eventId: string;
  /** The incarnation of the rack the verdict is about (results' `incarnation`, absent meaning 1). */
  @Column({ type: 'integer', default: 1 }) incarnation: number;
}
