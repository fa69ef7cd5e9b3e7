import { Injectable } from '@nestjs/common';
import { ComponentFailuresView, ResultsProgrammeView } from './dto/programme.view';
import { ProgrammeRepository } from './programme.repository';
import { evaluationFigures, sharePct } from './programme.rules';

/** Results' side of the programme view: yield, pass rate and each criterion's measured distribution against target. */
@Injectable()
export class ProgrammeService {
  constructor(private readonly repository: ProgrammeRepository) {}

  async figures(generation?: string): Promise<ResultsProgrammeView> {
    const { body, asOf } = await this.repository.snapshots.read(`figures:${generation ?? '*'}`, () => this.computeFigures(generation ?? null));
    return { ...body, asOf };
  }

  private async computeFigures(filter: string | null): Promise<Omit<ResultsProgrammeView, 'asOf'>> {
    const [generations, evaluations, runs, criteria] = await Promise.all([
      this.repository.generations(filter),
      this.repository.evaluations(filter),
      this.repository.runs(filter),
      this.repository.criteria(filter),
    ]);
    return {
      generations: generations.map((code) => {
        const run = runs.find((row) => row.generation === code);
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
        };
      }),
    };
  }

  async components(generation?: string): Promise<ComponentFailuresView> {
    const { body, asOf } = await this.repository.snapshots.read(`components:${generation ?? '*'}`, async () => ({ components: await this.repository.components(generation ?? null) }));
    return { ...body, asOf };
  }
}
