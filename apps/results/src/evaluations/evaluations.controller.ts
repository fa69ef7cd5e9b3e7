import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '@rackeval/platform';
import { RackEvaluationView } from './dto/evaluation.view';
import { EvaluationsService } from './evaluations.service';

@ApiTags('evaluations')
@ApiBearerAuth()
@ApiErrors(401, 403)
@Controller('v1/racks')
export class EvaluationsController {
  constructor(private readonly evaluations: EvaluationsService) {}

  @Get(':serial/evaluation')
  @ApiOkResponse({ type: RackEvaluationView })
  @ApiErrors(404)
  get(@Param('serial') serial: string): Promise<RackEvaluationView> {
    return this.evaluations.get(serial);
  }
}
