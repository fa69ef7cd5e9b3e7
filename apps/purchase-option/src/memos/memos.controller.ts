import { Controller, Get, Header, Param, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Roles } from '@rackeval/auth';
import { ApiErrors } from '@rackeval/platform';
import { RackSerialParam } from '../decisions/dto/rack-serial.param';
import { MemosService } from './memos.service';

@ApiTags('options')
@ApiBearerAuth()
@ApiErrors(401, 403)
@Controller('v1/options')
export class MemosController {
  constructor(private readonly memos: MemosService) {}

  @Get(':rackSerial/memo.pdf')
  @Roles('finance', 'admin', 'viewer')
  @Header('content-type', 'application/pdf')
  @ApiProduces('application/pdf')
  @ApiOkResponse({
    description: 'the decision memo: evidence, performance and cost verdicts, price, value figures, decision history and approvers',
    schema: { type: 'string', format: 'binary' },
  })
  @ApiErrors(400, 404)
  async pdf(@Param() { rackSerial }: RackSerialParam): Promise<StreamableFile> {
    return new StreamableFile(await this.memos.pdf(rackSerial), { disposition: `inline; filename="decision-memo-${rackSerial}.pdf"` });
  }
}
