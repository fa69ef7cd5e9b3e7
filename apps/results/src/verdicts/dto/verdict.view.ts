import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { VERDICTS, type Verdict } from '@rackeval/contracts';
import { ApiDateTime } from '@rackeval/platform';
import { CriterionView } from '../../criteria/dto/criteria.view';
import type { CriterionJudgement } from '../judge';
import type { VerdictView } from '../verdict.repository';

export class CriterionJudgementView extends CriterionView implements CriterionJudgement {
  @ApiProperty() samples: number;
  @ApiPropertyOptional({ description: 'the aggregated figure, absent without samples' }) measured?: number;
  @ApiProperty({ enum: VERDICTS, enumName: 'Verdict' }) result: Verdict;
  @ApiPropertyOptional({ example: 'below min 3000' }) reason?: string;
}

export class RunVerdictView implements VerdictView {
  @ApiProperty({ format: 'uuid' }) runId: string;
  @ApiProperty() rackSerial: string;
  @ApiProperty() generation: string;
  @ApiProperty() suite: string;
  @ApiProperty() attempt: number;
  @ApiProperty() criteriaVersion: number;
  @ApiProperty({ enum: VERDICTS, enumName: 'Verdict' }) verdict: Verdict;
  @ApiProperty({ description: 'raised each time late measurements re-judge the run' }) revision: number;
  @ApiDateTime() judgedAt: string;
  @ApiProperty({ type: [CriterionJudgementView] }) criteria: CriterionJudgementView[];
}
