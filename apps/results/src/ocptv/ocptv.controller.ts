import { Controller, Headers, Param, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser, Roles } from '@rackeval/auth';
import { ApiErrors, Consumes } from '@rackeval/platform';
import type { Request } from 'express';
import { RunIdParam } from '../run-mirror/dto/run-id.param';
import { OcptvReceiptView } from './dto/ocptv.view';
import { NDJSON, ocptvMediaTypeRefused, OcptvService } from './ocptv.service';

@ApiTags('measurements')
@ApiBearerAuth()
@ApiErrors(401, 403)
@Controller('v1/runs/:runId/ocptv')
export class OcptvController {
  constructor(private readonly ocptv: OcptvService) {}

  /** No body parser is registered for NDJSON: the request is read as a stream, line by line. */
  @Post()
  @Roles('test-engineer')
  @Consumes(NDJSON, { refusal: ocptvMediaTypeRefused('OCPTV output') })
  @ApiBody({ description: 'OCP Test & Validation output v2.0, one artifact per line', schema: { type: 'string' } })
  @ApiCreatedResponse({ type: OcptvReceiptView })
  @ApiErrors(400, 404, 409, 413, 415, 422)
  ingest(
    @Param() { runId }: RunIdParam,
    @Req() request: Request,
    @Headers('content-length') contentLength: string | undefined,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<OcptvReceiptView> {
    return this.ocptv.ingest(runId, request, user.username, contentLength);
  }
}
