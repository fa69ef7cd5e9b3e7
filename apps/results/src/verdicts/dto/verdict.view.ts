import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { VERDICTS, type Verdict } from '@rackeval/contracts';
import { ApiDateTime } from '@rackeval/platform';
import { CriterionView, DiagnosisCriterionView } from '../../criteria/dto/criteria.view';
import { DIAGNOSIS_TYPES, type DiagnosisEvidence, type DiagnosisJudgement, type DiagnosisType } from '../diagnosis-verdict.rules';
import type { CriterionJudgement } from '../run-verdict.rules';
import type { VerdictRevision, VerdictView } from '../verdict.repository';

export class CriterionJudgementView extends CriterionView implements CriterionJudgement {
  @ApiProperty() samples: number;
  @ApiPropertyOptional({ description: 'the aggregated figure, absent without samples' }) measured?: number;
  @ApiProperty({ enum: VERDICTS, enumName: 'Verdict' }) result: Verdict;
  @ApiPropertyOptional({ example: 'below min 3000' }) reason?: string;
}

export class DiagnosisEvidenceView implements DiagnosisEvidence {
  @ApiProperty({ description: 'the DIAGNOSIS artifact (GET /v1/runs/{runId}/artifacts)' }) artifactId: number;
  @ApiProperty({ enum: DIAGNOSIS_TYPES, enumName: 'DiagnosisType' }) type: DiagnosisType;
  @ApiProperty({ example: 'gpu-ecc', description: "the OCPTV diagnosis's verdict string" }) symptom: string;
  @ApiPropertyOptional() message?: string;
  @ApiPropertyOptional() hardwareInfoId?: string;
  @ApiPropertyOptional() component?: string;
  @ApiPropertyOptional() stepId?: string;
  @ApiDateTime() at: string;
}

export class DiagnosisJudgementView extends DiagnosisCriterionView implements DiagnosisJudgement {
  @ApiProperty({ description: "how many of the run's diagnoses it looked at" }) diagnoses: number;
  @ApiProperty({ enum: VERDICTS, enumName: 'Verdict' }) result: Verdict;
  @ApiPropertyOptional({ example: 'missing' }) reason?: string;
  @ApiPropertyOptional({
    type: DiagnosisEvidenceView,
    description: 'the diagnosis that decided it: the first FAIL (or UNKNOWN), else the first PASS',
  })
  decidedBy?: DiagnosisEvidenceView;
}

export class VerdictRevisionView implements VerdictRevision {
  @ApiProperty() revision: number;
  @ApiProperty({ enum: VERDICTS, enumName: 'Verdict' }) verdict: Verdict;
  @ApiProperty() criteriaVersion: number;
  @ApiDateTime() judgedAt: string;
  @ApiPropertyOptional({ description: 'why the run failed as a whole (NO_MATCHING_CRITERIA)' }) reason?: string;
  @ApiProperty({ type: [CriterionJudgementView] }) criteria: CriterionJudgementView[];
  @ApiProperty({ type: [DiagnosisJudgementView] }) diagnosisCriteria: DiagnosisJudgementView[];
}

export class RunVerdictView implements VerdictView {
  @ApiProperty({ format: 'uuid' }) runId: string;
  @ApiProperty() rackSerial: string;
  @ApiProperty() generation: string;
  @ApiProperty() suite: string;
  @ApiProperty() attempt: number;
  @ApiProperty() criteriaVersion: number;
  @ApiProperty({ enum: VERDICTS, enumName: 'Verdict' }) verdict: Verdict;
  @ApiProperty({ description: 'raised each time late measurements or a correction re-judge the run' }) revision: number;
  @ApiDateTime() judgedAt: string;
  @ApiPropertyOptional({
    description: 'why the run failed as a whole: NO_MATCHING_CRITERIA when no criterion covers a metric of its suite',
  })
  reason?: string;
  @ApiProperty({ type: [CriterionJudgementView] }) criteria: CriterionJudgementView[];
  @ApiProperty({ type: [DiagnosisJudgementView], description: 'the diagnosis criteria, each with the diagnosis that decided it' })
  diagnosisCriteria: DiagnosisJudgementView[];
  @ApiProperty({
    type: [VerdictRevisionView],
    description: 'earlier verdicts of this run, newest first; each re-judgement keeps the one it replaced',
  })
  revisions: VerdictRevisionView[];
}
