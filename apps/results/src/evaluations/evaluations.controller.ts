import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { EvaluationsService } from './evaluations.service';

@ApiTags('evaluations')
@ApiBearerAuth()
@Controller('v1/racks')
export class EvaluationsController {
  constructor(private readonly evaluations: EvaluationsService) {}

  @Get(':serial/evaluation')
  get(@Param('serial') serial: string) {
    return this.evaluations.get(serial);
  }
}
