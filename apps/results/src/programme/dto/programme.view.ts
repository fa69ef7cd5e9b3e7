import { ApiProperty } from '@nestjs/swagger';
import { FINDING_STATES, type FindingState } from '@rackeval/contracts';
import { ApiDateTime, ApiDecimal, ApiNullable } from '@rackeval/platform';

export class EvaluationFigures {
  @ApiProperty({ description: 'racks whose evaluation concluded' }) concluded: number;
  @ApiProperty() passed: number;
  @ApiProperty() failed: number;
  @ApiDecimal({ nullable: true, example: '80.00', description: 'passed ÷ concluded, percent, 2 decimals' }) passRatePct: string | null;
}

/**
 * First-pass yield: of the racks whose evaluation concluded, the share that passed without any run
 * being judged FAIL on the way (a suite failed and passed on a later attempt is not first pass).
 * Aborted runs are not verdicts and do not count against it.
 */
export class FirstPassYield {
  @ApiProperty({ description: 'racks that passed with no failed run' }) firstPass: number;
  @ApiProperty({ description: 'racks whose evaluation concluded' }) concluded: number;
  @ApiDecimal({ nullable: true, example: '72.50', description: 'firstPass ÷ concluded, percent, 2 decimals' }) pct: string | null;
}

/** One acceptance criterion of the generation's current version: its target band and what runs measured. */
export class CriterionFigures {
  @ApiProperty({ example: 'training_throughput' }) metric: string;
  @ApiProperty({ example: 'tokens/s' }) unit: string;
  @ApiProperty({ example: 'performance' }) category: string;
  @ApiProperty() required: boolean;
  @ApiProperty({ enum: ['gte', 'lte', 'between'], enumName: 'CriterionComparator' }) comparator: 'gte' | 'lte' | 'between';
  @ApiNullable(Number, { description: 'target: the lowest passing figure' }) targetMin: number | null;
  @ApiNullable(Number, { description: 'target: the highest passing figure' }) targetMax: number | null;
  @ApiProperty({ description: 'runs judged on this metric (any criteria version)' }) judged: number;
  @ApiProperty({ description: 'of which the criterion failed' }) failed: number;
  @ApiDecimal({ nullable: true, example: '91.20', description: '(judged − failed) ÷ judged, percent' }) passRatePct: string | null;
  @ApiNullable(Number, { description: '10th percentile of the judged figure (linear interpolation)' }) p10: number | null;
  @ApiNullable(Number, { description: 'median of the judged figure' }) median: number | null;
  @ApiNullable(Number, { description: '90th percentile of the judged figure' }) p90: number | null;
  @ApiNullable(Number) min: number | null;
  @ApiNullable(Number) max: number | null;
}

/**
 * Failures of the racks of one origin (a lot, or a supplier of their BOM). The unit is the rack:
 * `failed` counts racks whose evaluation failed (latest verdict), so origins of different sizes
 * compare by `failureRatePct` and a rack counts once however many attempts it failed; `failedRuns`
 * counts the runs judged FAIL (every attempt, racks still in evaluation too), which shows racks
 * that fail suites and pass on a retry.
 */
export class OriginFailureFigures {
  @ApiProperty({ description: 'racks whose evaluation concluded' }) concluded: number;
  @ApiProperty({ description: 'of which the evaluation failed' }) failed: number;
  @ApiDecimal({ nullable: true, example: '12.50', description: 'failed ÷ concluded, percent, 2 decimals; null before any conclusion' })
  failureRatePct: string | null;
  @ApiProperty({ description: "runs judged FAIL on the origin's racks, retries included" }) failedRuns: number;
}

export class LotFailures extends OriginFailureFigures {
  @ApiNullable(String, {
    example: 'LOT-2026-11-A',
    description: 'the manufacturing lot; null for racks whose lot results has not learnt from intake',
  })
  lot: string | null;
}

export class SupplierFailures extends OriginFailureFigures {
  @ApiNullable(String, {
    example: 'Foxconn',
    description:
      "a supplier of the racks' BOM (a rack counts for each of its suppliers); null for racks whose suppliers results has not learnt from intake",
  })
  supplier: string | null;
}

export class FindingClassCount {
  @ApiNullable(String, { example: 'POWER', description: 'the failure class (FINDING_CLASSES); null for findings not triaged yet' })
  failureClass: string | null;
  @ApiProperty({ type: 'integer' }) findings: number;
  @ApiProperty({ type: 'integer', description: 'of which open (not VERIFIED or WONT_FIX)' }) open: number;
}

export class FindingStateCount {
  @ApiProperty({ enum: FINDING_STATES, enumName: 'FindingState' }) state: FindingState;
  @ApiProperty({ type: 'integer' }) findings: number;
}

/** The findings of one origin (a lot, or the supplier of the BOM line a finding was triaged on), by failure class and by state. */
export class OriginFindingFigures {
  @ApiProperty({ type: 'integer', description: 'findings opened on racks of this origin (automatic and by hand)' }) findings: number;
  @ApiProperty({ type: 'integer', description: 'of which open: any state but VERIFIED and WONT_FIX' }) open: number;
  @ApiProperty({ type: [FindingClassCount], description: 'most findings first, then the class; the untriaged (null) last' })
  byClass: FindingClassCount[];
  @ApiProperty({ type: [FindingStateCount], description: 'in lifecycle order; states without findings left out' })
  byState: FindingStateCount[];
}

export class LotFindings extends OriginFindingFigures {
  @ApiNullable(String, {
    example: 'LOT-2026-11-A',
    description: "the rack's manufacturing lot (as corrected since); null for racks whose lot results has not learnt from intake",
  })
  lot: string | null;
}

export class SupplierFindings extends OriginFindingFigures {
  @ApiNullable(String, {
    example: 'Delta Electronics',
    description: 'the supplier of the BOM line the finding was triaged on; null for findings not (yet) on a known BOM line',
  })
  supplier: string | null;
}

export class ResultsGenerationFigures {
  @ApiProperty({ example: 'G1' }) generation: string;
  @ApiProperty({ description: 'runs judged (completed with a verdict)' }) judgedRuns: number;
  @ApiProperty({ description: 'of which judged FAIL' }) failedRuns: number;
  @ApiProperty({ type: EvaluationFigures }) evaluations: EvaluationFigures;
  @ApiProperty({ type: FirstPassYield }) firstPassYield: FirstPassYield;
  @ApiProperty({ type: [CriterionFigures], description: 'the current criteria in their order; `failed` is the failures by criterion' })
  criteria: CriterionFigures[];
  @ApiProperty({
    type: [LotFailures],
    description: 'the 20 lots with the most failed racks (then the higher rate), and the racks of unknown lot last',
  })
  failuresByLot: LotFailures[];
  @ApiProperty({
    type: [SupplierFailures],
    description: 'the 20 suppliers with the most failed racks (then the higher rate), and the racks of unknown suppliers last',
  })
  failuresBySupplier: SupplierFailures[];
  @ApiProperty({
    type: [LotFindings],
    description: 'findings by lot: the 20 lots with the most open findings (then the most findings), and the unknown lot last',
  })
  findingsByLot: LotFindings[];
  @ApiProperty({
    type: [SupplierFindings],
    description:
      'findings by BOM-line supplier: the 20 suppliers with the most open findings (then the most findings), and findings without a supplier last',
  })
  findingsBySupplier: SupplierFindings[];
}

export class ResultsProgrammeView {
  @ApiDateTime({
    description:
      'when the figures were computed: they are kept as a read model, recomputed when older than a few seconds (one generation is cut from the same figures)',
  })
  asOf: string;
  @ApiProperty({ type: [ResultsGenerationFigures], description: 'ordered by generation code' }) generations: ResultsGenerationFigures[];
}

export class ComponentFailure {
  @ApiProperty({ example: 'G1' }) generation: string;
  @ApiProperty({ example: 'gpu3', description: 'the component named by the measurements' }) component: string;
  @ApiProperty({ example: 'gpu_temperature' }) metric: string;
  @ApiProperty({ description: 'failed runs in which a measurement of this component was itself outside the target' }) runs: number;
}

export class ComponentFailuresView {
  @ApiDateTime({ description: 'when the figures were computed (a read model, recomputed when older than a few seconds)' }) asOf: string;
  @ApiProperty({
    type: [ComponentFailure],
    description: 'per generation, the 20 components most often out of target in failed runs, most first',
  })
  components: ComponentFailure[];
}
