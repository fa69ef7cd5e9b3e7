import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser, Roles, ROLES } from '@rackeval/auth';
import { CorrectionDto, MeasurementBatchDto, MeasurementListQuery } from './dto/measurement.dto';
import { ApiErrors, AwaitsEvent, Idempotent, PageOf } from '@rackeval/platform';
import { RunIdParam } from '../run-mirror/dto/run-id.param';
import { CorrectionReceiptView, MeasurementReceiptView, MeasurementView } from './dto/measurement.view';
import { MeasurementsService } from './measurements.service';

/**
 * The batch route's path, whose JSON body arrives as text (`resultsService`'s `jsonBodyAsText`):
 * a batch of 10,000 is parsed a chunk at a time while PostgreSQL stores the chunks before it.
 */
export const MEASUREMENT_BATCH_PATH = /^\/v1\/runs\/[^/]+\/measurements$/;

@ApiTags('measurements')
@ApiBearerAuth()
@ApiErrors(401, 403)
@Controller('v1/runs/:runId/measurements')
export class MeasurementsController {
  constructor(private readonly measurements: MeasurementsService) {}

  /** The body (JSON text) is parsed and checked by `MeasurementBatch`, not the global pipe (it skips `unknown`). */
  @Post()
  @Roles('test-engineer')
  @ApiBody({ type: MeasurementBatchDto })
  @Idempotent()
  @AwaitsEvent({ until: ['UNKNOWN_RUN', 'RUN_NOT_OPEN'], about: ({ params }) => params.runId })
  @ApiCreatedResponse({ type: MeasurementReceiptView })
  @ApiErrors(400, 404, 409, 413, 422)
  record(@Param() { runId }: RunIdParam, @Body() body: unknown, @CurrentUser() user: AuthenticatedUser) {
    return this.measurements.record(runId, body, user.username);
  }

  @Post('corrections')
  @Roles('test-engineer')
  @Idempotent()
  @ApiCreatedResponse({ type: CorrectionReceiptView })
  @ApiErrors(400, 404, 409, 422)
  correct(@Param() { runId }: RunIdParam, @Body() body: CorrectionDto, @CurrentUser() user: AuthenticatedUser) {
    return this.measurements.correct(runId, body, user.username);
  }

  @Get()
  @Roles(...ROLES)
  @ApiOkResponse({ type: PageOf(MeasurementView) })
  @ApiErrors(400, 404)
  list(@Param() { runId }: RunIdParam, @Query() query: MeasurementListQuery) {
    return this.measurements.list(runId, query);
  }
}
