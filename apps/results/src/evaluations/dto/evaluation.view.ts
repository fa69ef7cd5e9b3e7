import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ApiDateTime, ApiNullable } from '@rackeval/platform';
import { REOPEN_CAUSES, RMA_RETURN_KINDS, type ReopenCause, type RmaReturnKind } from '@rackeval/contracts';
import type { EvaluationVerdictRecord, ReopeningRecord, RestartRecord } from '../evaluation-history.repository';
import type { RackEvaluationView as RackEvaluation } from '../evaluations.service';
import type { SuiteProgress, SuiteStatus } from '../rack-evaluation.rules';
import { DiagnosisJudgementView } from '../../verdicts/dto/verdict.view';
import type { SuiteDiagnosisJudgement } from '../evaluations.service';

const SUITE_STATUSES: SuiteStatus[] = ['PASSED', 'FAILED', 'IN_PROGRESS', 'NOT_STARTED'];

export class FigureView {
  @ApiProperty() metric: string;
  @ApiProperty() unit: string;
  @ApiPropertyOptional() measured?: number;
  @ApiPropertyOptional() target?: number;
  @ApiPropertyOptional({ description: 'the plan suite whose deciding run measured it' }) suite?: string;
  @ApiPropertyOptional({ description: 'why the figure has no measured value' }) note?: string;
}

export class SuiteProgressView implements SuiteProgress {
  @ApiProperty() suite: string;
  @ApiProperty() required: boolean;
  @ApiProperty({ enum: SUITE_STATUSES, enumName: 'SuiteStatus' }) status: SuiteStatus;
  @ApiProperty() failedAttempts: number;
  @ApiProperty() maxAttempts: number;
  @ApiPropertyOptional({ description: 'the passing run, or the latest failed one' }) decidingRunId?: string;
  @ApiPropertyOptional({
    description:
      "the deciding run's verdict revision: above 1 when a correction or late samples re-judged it (earlier verdicts at GET /v1/runs/{runId}/verdict)",
  })
  decidingVerdictRevision?: number;
}

export class ReopenedSuiteView {
  @ApiProperty() suite: string;
  @ApiProperty({ description: 'only attempts from this number count after the re-open' }) fromAttempt: number;
  @ApiProperty({ description: 'the last attempt number allowed' }) attemptLimit: number;
}

export class EvaluationVerdictView implements EvaluationVerdictRecord {
  @ApiProperty({ description: "the rack's incarnation the verdict was about" }) incarnation: number;
  @ApiProperty({ description: 'the revision within that incarnation' }) revision: number;
  @ApiProperty({ enum: ['PASSED', 'FAILED'], enumName: 'EvaluationVerdictOutcome' }) outcome: 'PASSED' | 'FAILED';
  @ApiProperty() criteriaMet: number;
  @ApiProperty() criteriaTotal: number;
  @ApiProperty({ type: [String] }) failedSuites: string[];
  @ApiDateTime() concludedAt: string;
}

export class EvaluationReopeningView implements ReopeningRecord {
  @ApiProperty({ description: "the rack's incarnation whose evaluation was re-opened" }) incarnation: number;
  @ApiProperty({ description: 'the verdict revision that was re-opened' }) revision: number;
  @ApiProperty({ enum: REOPEN_CAUSES, enumName: 'ReopenCause' }) cause: ReopenCause;
  @ApiProperty() reason: string;
  @ApiProperty() actor: string;
  @ApiProperty() extraAttempts: number;
  @ApiProperty({ type: [ReopenedSuiteView] }) suites: ReopenedSuiteView[];
  @ApiDateTime() reopenedAt: string;
}

export class EvaluationRestartView implements RestartRecord {
  @ApiProperty({ description: 'the incarnation evaluated from this return on' }) incarnation: number;
  @ApiProperty() previousIncarnation: number;
  @ApiProperty({
    enum: ['PENDING', 'CONCLUDED', 'REOPENED'],
    enumName: 'EvaluationStatus',
    description: "what the earlier incarnation's evaluation had come to: PENDING when it had no verdict",
  })
  previousStatus: 'PENDING' | 'CONCLUDED' | 'REOPENED';
  @ApiProperty({
    type: 'string',
    enum: ['PASSED', 'FAILED'],
    nullable: true,
    description: "the earlier incarnation's last verdict, null when it had none",
  })
  previousOutcome: 'PASSED' | 'FAILED' | null;
  @ApiNullable(Number, { description: "the earlier incarnation's last verdict revision" }) previousRevision: number | null;
  @ApiProperty({ format: 'uuid' }) rmaId: string;
  @ApiProperty() rmaNumber: string;
  @ApiProperty({ enum: RMA_RETURN_KINDS, enumName: 'RmaReturnKind' }) kind: RmaReturnKind;
  @ApiProperty({ example: 'returned from RMA RMA-2026-0042 as incarnation 2 (repaired)' }) reason: string;
  @ApiProperty() actor: string;
  @ApiDateTime() returnedAt: string;
}

export class SuiteDiagnosisJudgementView extends DiagnosisJudgementView implements SuiteDiagnosisJudgement {
  @ApiProperty({ format: 'uuid', description: "the suite's deciding run" }) runId: string;
  @ApiProperty() suite: string;
}

export class RackEvaluationView implements RackEvaluation {
  @ApiProperty() rackSerial: string;
  @ApiProperty() generation: string;
  @ApiProperty({
    description:
      "the rack's incarnation evaluated: 1 as first delivered, one more for each return from an RMA (a return starts the evaluation afresh)",
  })
  incarnation: number;
  @ApiProperty({ enum: ['PASSED', 'FAILED', 'PENDING'], enumName: 'EvaluationOutcome' }) outcome: 'PASSED' | 'FAILED' | 'PENDING';
  @ApiDateTime({ required: false }) concludedAt?: string;
  @ApiProperty({
    enum: ['PENDING', 'CONCLUDED', 'REOPENED'],
    enumName: 'EvaluationStatus',
    description: 'REOPENED between a re-open and the next verdict',
  })
  status: 'PENDING' | 'CONCLUDED' | 'REOPENED';
  @ApiPropertyOptional({ description: "the latest verdict's revision within the incarnation (absent before its first verdict)" })
  revision?: number;
  @ApiProperty({
    type: [EvaluationVerdictView],
    description: 'every verdict of every incarnation, newest first; a re-open, a correction or a return from an RMA keeps the earlier ones',
  })
  verdicts: EvaluationVerdictView[];
  @ApiProperty({ type: [EvaluationReopeningView], description: 'every re-open, newest first' }) reopenings: EvaluationReopeningView[];
  @ApiProperty({
    type: [EvaluationRestartView],
    description:
      "every return from an RMA that started the evaluation again, newest first, with what the earlier incarnation's evaluation came to",
  })
  restarts: EvaluationRestartView[];
  @ApiProperty({ type: [String] }) failedSuites: string[];
  @ApiProperty({ type: [SuiteProgressView] }) suites: SuiteProgressView[];
  @ApiProperty({
    type: [SuiteDiagnosisJudgementView],
    description: "the deciding runs' diagnosis criteria, each with the diagnosis that decided it",
  })
  diagnosisCriteria: SuiteDiagnosisJudgementView[];
  @ApiProperty() criteriaMet: number;
  @ApiProperty() criteriaTotal: number;
  @ApiPropertyOptional({ type: FigureView }) performance?: FigureView;
  @ApiPropertyOptional({ type: FigureView }) power?: FigureView;
  @ApiPropertyOptional({ type: FigureView, description: 'measured performance over the power measured in the same run (W)' })
  performancePerWatt?: FigureView;
  @ApiPropertyOptional({ type: FigureView, description: 'the power measured in the run that measured performance, in kW' })
  performanceRunPower?: FigureView;
}
