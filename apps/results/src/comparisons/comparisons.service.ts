import { Injectable } from '@nestjs/common';
import { readInSnapshot, SnapshotRepository } from '@rackeval/platform';
import { DataSource, EntityManager } from 'typeorm';
import { converter } from '../measurements/units';
import { ResultsError, ResultsErrorCode } from '../results.errors';
import { RunRepository } from '../run-mirror/run.repository';
import { GenerationComparisonQuery, RunComparisonQuery } from './comparisons.dto';
import { ComparisonsRepository } from './comparisons.repository';
import { GenerationComparisonView, GenerationFigures } from './dto/comparison.view';

/** Every metric's figures, one row per metric, generation and unit, in that order. */
interface GenerationComparisonSnapshot {
  figures: Array<GenerationFigures & { metric: string }>;
}

interface MetricSide {
  unit: string;
  samples: number;
  min: number;
  mean: number;
  max: number;
  /** The aggregated figure the run was judged on, when the metric has a criterion. */
  judged?: number;
  result?: string;
}

@Injectable()
export class ComparisonsService {
  /** The comparison kept as a read model in `programme_snapshot`, recomputed when stale. */
  private readonly snapshots: SnapshotRepository;

  constructor(private readonly dataSource: DataSource) {
    this.snapshots = new SnapshotRepository(dataSource);
  }

  /**
   * Per generation, the distribution of the judged figure of a metric over completed runs
   * (nearest-rank percentiles) and the share of runs that met the criterion, as an exact percentage.
   * Computed on every request, it read every judged figure of the metric (linear in the fleet); one
   * snapshot of every metric, generation and unit answers all requests instead, and one metric (and
   * generations) is cut from it. One key whatever metric a caller names: an unknown one finds no rows.
   */
  async generations(query: GenerationComparisonQuery): Promise<GenerationComparisonView> {
    const { body, asOf } = await this.snapshots.read('comparisons:generations', () => this.computeGenerations());
    const generations = query.generation ?? null;
    return {
      metric: query.metric,
      asOf,
      generations: body.figures
        .filter((row) => row.metric === query.metric && (generations === null || generations.includes(row.generation)))
        .map(({ metric: _metric, ...figures }) => figures),
    };
  }

  private async computeGenerations(): Promise<GenerationComparisonSnapshot> {
    const rows = await ComparisonsRepository.generations(this.dataSource.manager);
    return {
      figures: rows.map((row) => ({
        metric: row.metric,
        generation: row.generation,
        unit: row.unit,
        runs: row.judged,
        count: row.count,
        min: row.min,
        p50: row.p50,
        p90: row.p90,
        max: row.max,
        passed: row.passed,
        passRatePct: row.pass_rate_pct,
      })),
    };
  }

  /**
   * Every metric of two runs side by side; the right side is converted to the left unit where
   * possible. Both runs are read in one snapshot, so a run's state agrees with its figures.
   */
  async runs(query: RunComparisonQuery) {
    const sides = await readInSnapshot(this.dataSource, async (manager) => {
      const side = async (runId: string) => {
        const run = await RunRepository.find(manager, runId);
        if (!run) throw new ResultsError(ResultsErrorCode.UNKNOWN_RUN, `run ${runId} is unknown`);
        return { run, metrics: await this.metricsOf(manager, runId) };
      };
      return [await side(query.left), await side(query.right)];
    });
    const [left, right] = sides;
    const names = [...new Set([...left.metrics.keys(), ...right.metrics.keys()])].sort();
    const describe = ({ run }: (typeof sides)[number]) => ({
      runId: run.runId,
      rackSerial: run.rackSerial,
      generation: run.generation,
      suite: run.suite,
      attempt: run.attempt,
      state: run.state,
    });
    return {
      left: describe(left),
      right: describe(right),
      metrics: names.map((metric) => {
        const l = left.metrics.get(metric);
        const r = right.metrics.get(metric);
        return { metric, left: l ?? null, right: r ?? null, difference: l && r ? difference(l, r) : null };
      }),
    };
  }

  private async metricsOf(manager: EntityManager, runId: string): Promise<Map<string, MetricSide>> {
    const rows = await ComparisonsRepository.metricsOf(manager, runId);
    return new Map(
      rows.map((row: Record<string, unknown>) => [
        row.metric as string,
        {
          unit: row.unit as string,
          samples: row.samples as number,
          min: row.min as number,
          mean: Number(row.mean),
          max: row.max as number,
          ...(row.judged !== null ? { judged: row.judged as number } : {}),
          ...(row.result !== null ? { result: row.result as string } : {}),
        },
      ]),
    );
  }
}

/** right − left in the left unit, and relative to left in percent; null when the units do not convert. */
function difference(left: MetricSide, right: MetricSide) {
  const convert = converter(right.unit, left.unit);
  if (!convert) return null;
  const delta = (a: number | undefined, b: number | undefined) => (a === undefined || b === undefined ? undefined : convert(b) - a);
  const mean = delta(left.mean, right.mean)!;
  return {
    unit: left.unit,
    mean,
    meanPct: left.mean !== 0 ? (mean / Math.abs(left.mean)) * 100 : null,
    min: delta(left.min, right.min),
    max: delta(left.max, right.max),
    ...(left.judged !== undefined && right.judged !== undefined ? { judged: delta(left.judged, right.judged) } : {}),
  };
}
