import { Body, Controller, Get, Headers, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiHeader, ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser, Roles } from '@rackeval/auth';
import { CorrectionDto, MeasurementBatchDto, MeasurementListQuery } from './dto/measurement.dto';
import { MeasurementsService } from './measurements.service';

@ApiTags('measurements')
@ApiBearerAuth()
@Controller('v1/runs/:runId/measurements')
export class MeasurementsController {
  constructor(private readonly measurements: MeasurementsService) {}

  /** The body is checked by the compiled batch parser, not the global pipe (it skips `unknown`). */
  @Post()
  @Roles('test-engineer')
  @ApiBody({ type: MeasurementBatchDto })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
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
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  correct(
    @Param('runId', ParseUUIDPipe) runId: string,
    @Body() body: CorrectionDto,
    @CurrentUser() user: AuthenticatedUser,
    @Headers('idempotency-key') key?: string,
  ) {
    return this.measurements.correct(runId, body, user.username, key);
  }

  @Get()
  list(@Param('runId', ParseUUIDPipe) runId: string, @Query() query: MeasurementListQuery) {
    return this.measurements.list(runId, query);
  }
}
