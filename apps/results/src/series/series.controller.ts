import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ROLES, Roles } from '@rackeval/auth';
import { ApiErrors } from '@rackeval/platform';
import { RunIdParam } from '../run-mirror/dto/run-id.param';
import { SeriesQuery, SeriesView } from './dto/series.dto';
import { SeriesService } from './series.service';

@ApiTags('measurements')
@ApiBearerAuth()
@ApiErrors(401, 403)
@Controller('v1/runs/:runId/series')
export class SeriesController {
  constructor(private readonly seriesService: SeriesService) {}

  /** A metric's samples downsampled on the server: min, max and mean per time bucket, so a run of millions of samples draws quickly and truthfully. */
  @Get()
  @Roles(...ROLES)
  @ApiOkResponse({ type: SeriesView })
  @ApiErrors(400, 404)
  series(@Param() { runId }: RunIdParam, @Query() query: SeriesQuery): Promise<SeriesView> {
    return this.seriesService.downsample(runId, query);
  }
}
