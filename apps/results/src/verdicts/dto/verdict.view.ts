import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { VERDICTS, type Verdict } from '@rackeval/contracts';
import { ApiDateTime } from '@rackeval/platform';
import { CriterionView } from '../../criteria/dto/criteria.view';
import type { CriterionJudgement } from '../judge';
import type { VerdictRevision, VerdictView } from '../verdict.repository';

export class CriterionJudgementView extends CriterionView implements CriterionJudgement {
  @ApiProperty() samples: number;
  @ApiPropertyOptional({ description: 'the aggregated figure, absent without samples' }) measured?: number;
  @ApiProperty({ enum: VERDICTS, enumName: 'Verdict' }) result: Verdict;
  @ApiPropertyOptional({ example: 'below min 3000' }) reason?: string;
}

export class VerdictRevisionView implements VerdictRevision {
  @ApiProperty() revision: number;
  @ApiProperty({ enum: VERDICTS, enumName: 'Verdict' }) verdict: Verdict;
  @ApiProperty() criteriaVersion: number;
  @ApiDateTime() judgedAt: string;
  @ApiPropertyOptional({ description: 'why the run failed as a whole (NO_MATCHING_CRITERIA)' }) reason?: string;
  @ApiProperty({ type: [CriterionJudgementView] }) criteria: CriterionJudgementView[];
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
  @ApiPropertyOptional({ description: 'why the run failed as a whole: NO_MATCHING_CRITERIA when no criterion covers a metric of its suite' })
  reason?: string;
  @ApiProperty({ type: [CriterionJudgementView] }) criteria: CriterionJudgementView[];
  @ApiProperty({ type: [VerdictRevisionView], description: 'earlier verdicts of this run, newest first; each re-judgement keeps the one it replaced' })
  revisions: VerdictRevisionView[];
}
