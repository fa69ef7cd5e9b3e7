import { Injectable } from '@nestjs/common';
import { ComponentFailuresView, ResultsGenerationFigures, ResultsProgrammeView } from './dto/programme.view';
import { findingFigures } from './finding-figures.rules';
import { FindingOriginRow, OriginFailureRow, ProgrammeRepository } from './programme.repository';
import { evaluationFigures, originFailures, sharePct } from './programme.rules';

const findingCounts = (rows: FindingOriginRow[]) =>
  rows.map((row) => ({ origin: row.origin, failureClass: row.failure_class, state: row.state, findings: row.findings }));

const counts = (rows: OriginFailureRow[]) =>
  rows.map((row) => ({ origin: row.origin, concluded: row.concluded, failed: row.failed, failedRuns: row.failed_runs }));

/** Results' side of the programme view: yield, pass rate, each criterion's measured distribution against target, failures by origin. */
@Injectable()
export class ProgrammeService {
  constructor(private readonly repository: ProgrammeRepository) {}

  /**
   * One snapshot of every generation answers both reads: one generation is cut from it. Kept per
   * generation instead, each key went stale and was recomputed on its own, five fleet-wide
   * computations in the background for one page's worth of reads.
   */
  async figures(generation?: string): Promise<ResultsProgrammeView> {
    const { body, asOf } = await this.repository.snapshots.read('figures:*', () => this.computeFigures());
    return { asOf, generations: generation === undefined ? body.generations : body.generations.filter((g) => g.generation === generation) };
  }

  private async computeFigures(): Promise<Omit<ResultsProgrammeView, 'asOf'>> {
    const { generations, evaluations, runs, criteria, origins, findings } = await this.repository.inOneSnapshot(async (manager) => ({
      generations: await this.repository.generations(manager, null),
      evaluations: await this.repository.evaluations(manager, null),
      runs: await this.repository.runs(manager, null),
      criteria: await this.repository.criteria(manager, null),
      origins: await this.repository.failuresByOrigin(manager, null),
      findings: await this.repository.findingsByOrigin(manager, null),
    }));
    return {
      generations: generations.map((code): ResultsGenerationFigures => {
        const run = runs.find((row) => row.generation === code);
        const own = origins.filter((row) => row.generation === code);
        const ownFindings = findings.filter((row) => row.generation === code);
        return {
          generation: code,
          judgedRuns: run?.judged ?? 0,
          failedRuns: run?.failed ?? 0,
          ...evaluationFigures(evaluations.find((row) => row.generation === code)),
          criteria: criteria
            .filter((row) => row.generation === code)
            .map((row) => ({
              metric: row.metric,
              unit: row.unit,
              category: row.category,
              required: row.required,
              comparator: row.comparator,
              targetMin: row.target_min,
              targetMax: row.target_max,
              judged: row.judged,
              failed: row.failed,
              passRatePct: sharePct(row.judged - row.failed, row.judged),
              p10: row.p10,
              median: row.median,
              p90: row.p90,
              min: row.min,
              max: row.max,
            })),
          failuresByLot: originFailures(counts(own.filter((row) => row.kind === 'lot'))).map(({ origin, ...figures }) => ({
            lot: origin,
            ...figures,
          })),
          failuresBySupplier: originFailures(counts(own.filter((row) => row.kind === 'supplier'))).map(({ origin, ...figures }) => ({
            supplier: origin,
            ...figures,
          })),
          findingsByLot: findingFigures(findingCounts(ownFindings.filter((row) => row.kind === 'lot'))).map(({ origin, ...figures }) => ({
            lot: origin,
            ...figures,
          })),
          findingsBySupplier: findingFigures(findingCounts(ownFindings.filter((row) => row.kind === 'supplier'))).map(
            ({ origin, ...figures }) => ({ supplier: origin, ...figures }),
          ),
        };
      }),
    };
  }

  /** Like the figures: one snapshot of every generation (the top 20 are ranked per generation), cut to one. */
  async components(generation?: string): Promise<ComponentFailuresView> {
    const { body, asOf } = await this.repository.snapshots.read('components:*', async () => ({
      components: await this.repository.inOneSnapshot((manager) => this.repository.components(manager, null)),
    }));
    return {
      asOf,
      components: generation === undefined ? body.components : body.components.filter((row) => row.generation === generation),
    };
  }
}
