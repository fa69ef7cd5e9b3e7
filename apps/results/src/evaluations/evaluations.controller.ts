import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser, Roles, ROLES } from '@rackeval/auth';
import { ApiErrors, Idempotent } from '@rackeval/platform';
import { RackEvaluationView } from './dto/evaluation.view';
import { RackSerialParam } from './dto/rack-serial.param';
import { ReopenEvaluationDto } from './dto/reopen.dto';
import { EvaluationReopenService } from './evaluation-reopen.service';
import { EvaluationsService } from './evaluations.service';

@ApiTags('evaluations')
@ApiBearerAuth()
@ApiErrors(401, 403)
@Controller('v1/racks')
export class EvaluationsController {
  constructor(
    private readonly evaluations: EvaluationsService,
    private readonly reopening: EvaluationReopenService,
  ) {}

  @Get(':serial/evaluation')
  @Roles(...ROLES)
  @ApiOkResponse({ type: RackEvaluationView })
  @ApiErrors(400, 404)
  get(@Param() { serial }: RackSerialParam): Promise<RackEvaluationView> {
    return this.evaluations.get(serial);
  }

  /** 409 when the evaluation is not concluded or its option has ended (EVALUATION_CLOSED); 422 for a suite not in the plan. */
  @Post(':serial/evaluation/reopen')
  @HttpCode(200)
  @Roles('admin')
  @Idempotent()
  @ApiOkResponse({ type: RackEvaluationView })
  @ApiErrors(400, 404, 409, 422)
  reopen(
    @Param() { serial }: RackSerialParam,
    @Body() body: ReopenEvaluationDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<RackEvaluationView> {
    return this.reopening.reopen(serial, body, user.username);
  }
}
