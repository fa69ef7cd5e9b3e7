import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ResultsError, ResultsErrorCode } from '../results.errors';
import { RunRepository } from '../run-mirror/run.repository';
import { SeriesQuery, SeriesView } from './dto/series.dto';
import { SeriesRepository } from './series.repository';

const DEFAULT_BUCKETS = 400;

/** A metric of a known run, downsampled to time buckets for drawing. */
@Injectable()
export class SeriesService {
  constructor(private readonly dataSource: DataSource) {}

  async downsample(runId: string, query: SeriesQuery): Promise<SeriesView> {
    const manager = this.dataSource.manager;
    if (!(await RunRepository.find(manager, runId))) {
      throw new ResultsError(ResultsErrorCode.UNKNOWN_RUN, `run ${runId} is unknown here (runs are learnt from test-run's events)`);
    }
    const buckets = query.buckets ?? DEFAULT_BUCKETS;
    const result = await SeriesRepository.downsample(manager, runId, query.metric, buckets, query.component);
    const iso = (ms: number) => new Date(Math.round(ms)).toISOString();
    return {
      runId,
      metric: query.metric,
      unit: result.unit,
      samples: result.samples,
      bucketsRequested: buckets,
      from: result.from === null ? null : iso(result.from),
      to: result.to === null ? null : iso(result.to),
      buckets: result.buckets.map((b) => ({ ...b, from: iso(b.from), to: iso(b.to), first: iso(b.first), last: iso(b.last) })),
    };
  }
}
