import { ApiProperty } from '@nestjs/swagger';
import { OPTION_STATES, OptionState, RMA_RETURN_KINDS, RmaReturnKind } from '@rackeval/contracts';
import { ApiDateTime, ApiDecimal, ApiNullable } from '@rackeval/platform';
import { TermsView } from '../../terms/dto/terms.view';
import { ValueView } from './option-value.view';

export class FigureView {
  @ApiProperty() metric: string;
  @ApiProperty() unit: string;
  @ApiDecimal({ nullable: true, example: '3200' }) measured: string | null;
  @ApiDecimal({ nullable: true, example: '3000' }) target: string | null;
  @ApiNullable(Boolean, { description: 'performance figures: measured ≥ target; power: measured ≤ target' }) meetsTarget: boolean | null;
  @ApiNullable(String, { description: 'the plan suite whose run measured it' }) suite: string | null;
  @ApiNullable(String, { description: 'why there is no measured value' }) note: string | null;
}

export class EvaluationEvidence {
  @ApiProperty({ enum: ['PASSED', 'FAILED'] }) outcome: string;
  @ApiProperty() criteriaMet: number;
  @ApiProperty() criteriaTotal: number;
  @ApiProperty({ type: FigureView, nullable: true }) performance: FigureView | null;
  @ApiProperty({ type: FigureView, nullable: true }) power: FigureView | null;
  @ApiProperty({ type: FigureView, nullable: true, description: 'performance over the power measured in the same run' })
  performancePerWatt: FigureView | null;
  @ApiProperty({ type: FigureView, nullable: true, description: 'power (kW) measured in the run that measured performance' })
  performanceRunPower: FigureView | null;
  @ApiProperty({ type: [String] }) failedSuites: string[];
  @ApiDateTime() concludedAt: string;
}

export class DomesticContentEvidence {
  @ApiDecimal({ example: '62.50' }) pct: string;
  @ApiDecimal({ example: '60.00' }) targetPct: string;
  @ApiProperty() met: boolean;
}

export class IntakeRejectionEvidence {
  @ApiProperty({ example: 'crushed corner, coolant leak' }) reason: string;
  @ApiDateTime() at: string;
}

export class Evidence {
  @ApiProperty({ type: EvaluationEvidence, nullable: true }) evaluation: EvaluationEvidence | null;
  @ApiProperty({ type: DomesticContentEvidence }) domesticContent: DomesticContentEvidence;
  @ApiDecimal({ nullable: true, example: '390.625000', description: 'unit price ÷ measured performance, 6 places, half-to-even' })
  pricePerPerformanceUnit: string | null;
  @ApiNullable(String, { example: 'USD per tokens/s' }) pricePerPerformanceUnitOf: string | null;
  @ApiNullable(String, { description: 'the written waiver under which a failed rack was exercised (or requested)' })
  waiver: string | null;
  @ApiProperty({
    type: IntakeRejectionEvidence,
    nullable: true,
    description: 'why a rack rejected at intake is NOT_EXERCISABLE (no waiver applies)',
  })
  intakeRejection: IntakeRejectionEvidence | null;
  @ApiProperty({
    type: ValueView,
    description: 'price, performance, power, TCO and margin, each against the active cost targets, with the cost verdict',
  })
  value: ValueView;
}

export class PendingRequestView {
  @ApiProperty() requestedBy: string;
  @ApiDateTime() requestedAt: string;
  @ApiProperty() rationale: string;
  @ApiNullable(String) waiver: string | null;
}

export class RejectionView {
  @ApiProperty() rejectedBy: string;
  @ApiDateTime() rejectedAt: string;
  @ApiProperty() note: string;
}

export class OutcomeView {
  @ApiProperty() decidedBy: string;
  @ApiNullable(String) approvedBy: string | null;
  @ApiProperty() rationale: string;
  @ApiDateTime() endedAt: string;
}

export class OptionRmaView {
  @ApiProperty({ format: 'uuid', description: "intake's RMA id" }) rmaId: string;
  @ApiProperty({ example: 'RMA-2026-7001', description: "the manufacturer's RMA number" }) rmaNumber: string;
  @ApiDateTime({ nullable: true, description: 'when the rack left for the manufacturer' }) shippedAt: string | null;
  @ApiDateTime({ nullable: true, description: 'when the unit came back (or its replacement arrived); null while at the manufacturer' })
  receivedAt: string | null;
  @ApiNullable(Number, { description: 'the incarnation the unit came back as (2 after its first return); null until back' })
  incarnationAfter: number | null;
  @ApiProperty({
    type: 'string',
    enum: RMA_RETURN_KINDS,
    nullable: true,
    description: 'REPAIRED, or REPLACED under a new serial; null until back',
  })
  returnKind: RmaReturnKind | null;
  @ApiNullable(String, { description: 'the serial the manufacturer sent in place of this rack' }) replacedBy: string | null;
}

export class OptionView {
  @ApiProperty() rackSerial: string;
  @ApiProperty() generation: string;
  @ApiProperty({ enum: OPTION_STATES, enumName: 'OptionState' }) state: OptionState;
  @ApiProperty({ description: 'optimistic-lock version' }) version: number;
  @ApiProperty({
    example: 1,
    description: 'which unit under the serial the option is about: 1 as first delivered, one more after each return from an RMA',
  })
  incarnation: number;
  @ApiProperty({ type: OptionRmaView, nullable: true, description: "the rack's latest RMA; null when it was never on one" })
  rma: OptionRmaView | null;
  @ApiProperty({ type: TermsView, nullable: true, description: 'null until the generation has terms' }) terms: TermsView | null;
  @ApiProperty() site: string;
  @ApiDateTime() receivedAt: string;
  @ApiDateTime({ nullable: true }) verdictAt: string | null;
  @ApiDateTime({ nullable: true }) expiresAt: string | null;
  @ApiNullable(Number, { description: 'whole days until expiry, rounded up; 0 once closed' }) daysLeft: number | null;
  @ApiProperty({ type: Evidence }) evidence: Evidence;
  @ApiProperty({ type: PendingRequestView, nullable: true }) pendingRequest: PendingRequestView | null;
  @ApiProperty({ type: RejectionView, nullable: true }) lastRejection: RejectionView | null;
  @ApiProperty({ type: OutcomeView, nullable: true }) outcome: OutcomeView | null;
}

export class AuditEntryView {
  @ApiProperty() id: string;
  @ApiProperty() rackSerial: string;
  @ApiProperty() action: string;
  @ApiProperty() actor: string;
  @ApiDateTime() occurredAt: string;
  @ApiNullable(String) fromState: string | null;
  @ApiNullable(String) toState: string | null;
  @ApiProperty() reason: string;
  @ApiNullable(String) waiver: string | null;
  @ApiNullable(Number) termsVersion: number | null;
  @ApiDecimal({ nullable: true }) unitPrice: string | null;
  @ApiNullable(String) currency: string | null;
  @ApiProperty({ example: 1, description: "the option's incarnation the entry concerns" }) incarnation: number;
}

export class OptionDetailView extends OptionView {
  @ApiProperty({ type: [AuditEntryView], description: 'every transition and decision, oldest first' }) history: AuditEntryView[];
}
