import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ApiDateTime } from '@rackeval/platform';
import { DiagnosisCriterionView } from '../../criteria/dto/criteria.view';
import { SeriesView } from '../../series/dto/series.dto';
import { DiagnosisEvidenceView } from '../../verdicts/dto/verdict.view';

const SO_FAR = ['PASS', 'FAIL', 'PENDING'] as const;

export class CriterionSoFarView {
  @ApiProperty() metric: string;
  @ApiProperty() unit: string;
  @ApiProperty({ enum: ['gte', 'lte', 'between'] }) comparator: string;
  @ApiPropertyOptional() min?: number;
  @ApiPropertyOptional() max?: number;
  @ApiProperty() required: boolean;
  @ApiProperty() category: string;
  @ApiProperty({ description: 'How the samples become the judged figure (mean, max, p95, …)' }) aggregation: string;
  @ApiProperty({ description: 'Samples judged so far' }) samples: number;
  @ApiPropertyOptional({ description: 'The figure judged, in the criterion unit; absent while PENDING' }) measured?: number;
  @ApiProperty({ enum: SO_FAR, description: 'PENDING until the metric has a sample' }) result: (typeof SO_FAR)[number];
  @ApiPropertyOptional({ description: 'Why it fails, naming the figure and the limit' }) reason?: string;
}

export class DiagnosisCriterionSoFarView extends DiagnosisCriterionView {
  @ApiProperty({ description: "How many of the run's diagnoses so far it looked at" }) diagnoses: number;
  @ApiProperty({
    enum: SO_FAR,
    description: 'PENDING until a matching diagnosis (or the PASS it requires) arrives; FAIL on a diagnosis that fails it',
  })
  result: (typeof SO_FAR)[number];
  @ApiPropertyOptional({ description: 'Why it fails, naming the diagnosis' }) reason?: string;
  @ApiPropertyOptional({ type: DiagnosisEvidenceView, description: 'The diagnosis that decided it so far' })
  decidedBy?: DiagnosisEvidenceView;
}

/** One update of a running run: everything the run page draws, as of `lastMeasurementId`. */
export class RunProgressView {
  @ApiProperty({ format: 'uuid' }) runId: string;
  @ApiProperty({ enum: ['SCHEDULED', 'RUNNING', 'COMPLETED', 'ABORTED'] }) state: string;
  @ApiProperty({ description: 'Newest measurement included (a decimal string); an update with a higher one supersedes this one' })
  lastMeasurementId: string;
  @ApiProperty({
    nullable: true,
    type: Number,
    description: 'Criteria version judged against (the one in force now while the run has none)',
  })
  criteriaVersion: number | null;
  @ApiProperty({ enum: SO_FAR, description: 'What the run would get if it completed now' }) verdict: (typeof SO_FAR)[number];
  @ApiProperty({ type: [CriterionSoFarView] }) criteria: CriterionSoFarView[];
  @ApiProperty({ type: [DiagnosisCriterionSoFarView], description: 'Diagnosis criteria judged on the OCPTV diagnoses so far' })
  diagnosisCriteria: DiagnosisCriterionSoFarView[];
  @ApiProperty({ type: [SeriesView], description: 'Every metric of the run downsampled, as the series route answers' })
  series: SeriesView[];
  @ApiDateTime() at: string;
}
