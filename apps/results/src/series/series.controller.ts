import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ROLES, Roles } from '@rackeval/auth';
import { ApiErrors } from '@rackeval/platform';
import { DataSource } from 'typeorm';
import { ResultsError, ResultsErrorCode } from '../results.errors';
import { RunRepository } from '../run-mirror/run.repository';
import { RunIdParam } from '../run-mirror/dto/run-id.param';
import { SeriesQuery, SeriesView } from './dto/series.dto';
import { SeriesRepository } from './series.repository';

const DEFAULT_BUCKETS = 400;

@ApiTags('measurements')
@ApiBearerAuth()
@ApiErrors(401, 403)
@Controller('v1/runs/:runId/series')
export class SeriesController {
  constructor(private readonly dataSource: DataSource) {}

  /** A metric's samples downsampled on the server: min, max and mean per time bucket, so a run of millions of samples draws quickly and truthfully. */
  @Get()
  @Roles(...ROLES)
  @ApiOkResponse({ type: SeriesView })
  @ApiErrors(400, 404)
  async series(@Param() { runId }: RunIdParam, @Query() query: SeriesQuery): Promise<SeriesView> {
    if (!(await RunRepository.find(this.dataSource.manager, runId))) {
      throw new ResultsError(ResultsErrorCode.UNKNOWN_RUN, `run ${runId} is unknown here (runs are learnt from test-run's events)`);
    }
    const buckets = query.buckets ?? DEFAULT_BUCKETS;
    const result = await SeriesRepository.downsample(this.dataSource.manager, runId, query.metric, buckets, query.component);
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
