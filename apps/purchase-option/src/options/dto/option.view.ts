import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { OPTION_STATES, OptionState } from '@rackeval/contracts';
import { TermsView } from '../../terms/dto/terms.dto';

export class FigureView {
  @ApiProperty() metric: string;
  @ApiProperty() unit: string;
  @ApiProperty({ nullable: true, example: '3200' }) measured: string | null;
  @ApiProperty({ nullable: true, example: '3000' }) target: string | null;
  @ApiProperty({ nullable: true, description: 'performance figures: measured ≥ target; power: measured ≤ target' }) meetsTarget: boolean | null;
}

export class EvaluationEvidence {
  @ApiProperty({ enum: ['PASSED', 'FAILED'] }) outcome: string;
  @ApiProperty() criteriaMet: number;
  @ApiProperty() criteriaTotal: number;
  @ApiProperty({ type: FigureView, nullable: true }) performance: FigureView | null;
  @ApiProperty({ type: FigureView, nullable: true }) power: FigureView | null;
  @ApiProperty({ type: FigureView, nullable: true }) performancePerWatt: FigureView | null;
  @ApiProperty({ type: [String] }) failedSuites: string[];
  @ApiProperty() concludedAt: string;
}

export class DomesticContentEvidence {
  @ApiProperty({ example: '62.50' }) pct: string;
  @ApiProperty({ example: '60.00' }) targetPct: string;
  @ApiProperty() met: boolean;
}

export class IntakeRejectionEvidence {
  @ApiProperty({ example: 'crushed corner, coolant leak' }) reason: string;
  @ApiProperty() at: string;
}

export class Evidence {
  @ApiProperty({ type: EvaluationEvidence, nullable: true }) evaluation: EvaluationEvidence | null;
  @ApiProperty({ type: DomesticContentEvidence }) domesticContent: DomesticContentEvidence;
  @ApiProperty({ nullable: true, example: '390.625000', description: 'unit price ÷ measured performance, 6 places, half-to-even' })
  pricePerPerformanceUnit: string | null;
  @ApiProperty({ nullable: true, example: 'USD per tokens/s' }) pricePerPerformanceUnitOf: string | null;
  @ApiProperty({ nullable: true, description: 'the written waiver under which a failed rack was exercised (or requested)' })
  waiver: string | null;
  @ApiProperty({ type: IntakeRejectionEvidence, nullable: true, description: 'why a rack rejected at intake is NOT_EXERCISABLE (no waiver applies)' })
  intakeRejection: IntakeRejectionEvidence | null;
}

export class PendingRequestView {
  @ApiProperty() requestedBy: string;
  @ApiProperty() requestedAt: string;
  @ApiProperty() rationale: string;
  @ApiProperty({ nullable: true }) waiver: string | null;
}

export class RejectionView {
  @ApiProperty() rejectedBy: string;
  @ApiProperty() rejectedAt: string;
  @ApiProperty() note: string;
}

export class OutcomeView {
  @ApiProperty() decidedBy: string;
  @ApiProperty({ nullable: true }) approvedBy: string | null;
  @ApiProperty() rationale: string;
  @ApiProperty() endedAt: string;
}

export class OptionView {
  @ApiProperty() rackSerial: string;
  @ApiProperty() generation: string;
  @ApiProperty({ enum: OPTION_STATES }) state: OptionState;
  @ApiProperty({ description: 'optimistic-lock version' }) version: number;
  @ApiProperty({ type: TermsView, nullable: true, description: 'null until the generation has terms' }) terms: TermsView | null;
  @ApiProperty() site: string;
  @ApiProperty() receivedAt: string;
  @ApiProperty({ nullable: true }) verdictAt: string | null;
  @ApiProperty({ nullable: true }) expiresAt: string | null;
  @ApiProperty({ nullable: true, description: 'whole days until expiry, rounded up; 0 once closed' }) daysLeft: number | null;
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
  @ApiProperty() occurredAt: string;
  @ApiProperty({ nullable: true }) fromState: string | null;
  @ApiProperty({ nullable: true }) toState: string | null;
  @ApiProperty() reason: string;
  @ApiProperty({ nullable: true }) waiver: string | null;
  @ApiProperty({ nullable: true }) termsVersion: number | null;
  @ApiProperty({ nullable: true }) unitPrice: string | null;
  @ApiProperty({ nullable: true }) currency: string | null;
}

export class OptionDetailView extends OptionView {
  @ApiProperty({ type: [AuditEntryView], description: 'every transition and decision, oldest first' }) history: AuditEntryView[];
}

export class OptionPage {
  @ApiProperty({ type: [OptionView] }) items: OptionView[];
  @ApiPropertyOptional({ nullable: true }) nextCursor: string | null;
}
