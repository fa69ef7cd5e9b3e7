import { Body, Controller, Get, Headers, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser, Roles } from '@rackeval/auth';
import { CorrectionDto, MeasurementBatchDto, MeasurementListQuery } from './dto/measurement.dto';
import { ApiErrors, ApiIdempotencyKey, PageOf } from '@rackeval/platform';
import { CorrectionReceiptView, MeasurementReceiptView, MeasurementView } from './dto/measurement.view';
import { MeasurementsService } from './measurements.service';

@ApiTags('measurements')
@ApiBearerAuth()
@ApiErrors(401, 403)
@Controller('v1/runs/:runId/measurements')
export class MeasurementsController {
  constructor(private readonly measurements: MeasurementsService) {}

  /** The body is checked by the compiled batch parser, not the global pipe (it skips `unknown`). */
  @Post()
  @Roles('test-engineer')
  @ApiBody({ type: MeasurementBatchDto })
  @ApiIdempotencyKey()
  @ApiCreatedResponse({ type: MeasurementReceiptView })
  @ApiErrors(400, 404, 409, 413, 422)
  record(
    @Param('runId', ParseUUIDPipe) runId: string,
    @Body() body: unknown,
    @CurrentUser() user: AuthenticatedUser,
    @Headers('idempotency-key') key?: string,
  ) {
    return this.measurements.record(runId, body, user.username, key);
  }

  @Post('corrections')
  @Roles('test-engineer')
  @ApiIdempotencyKey()
  @ApiCreatedResponse({ type: CorrectionReceiptView })
  @ApiErrors(400, 404, 409, 422)
  correct(
    @Param('runId', ParseUUIDPipe) runId: string,
    @Body() body: CorrectionDto,
    @CurrentUser() user: AuthenticatedUser,
    @Headers('idempotency-key') key?: string,
  ) {
    return this.measurements.correct(runId, body, user.username, key);
  }

  @Get()
  @ApiOkResponse({ type: PageOf(MeasurementView) })
  @ApiErrors(400, 404)
  list(@Param('runId', ParseUUIDPipe) runId: string, @Query() query: MeasurementListQuery) {
    return this.measurements.list(runId, query);
  }
}
