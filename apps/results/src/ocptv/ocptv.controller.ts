import { Controller, Headers, Param, ParseUUIDPipe, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser, Roles } from '@rackeval/auth';
import type { Request } from 'express';
import { NDJSON, OcptvService } from './ocptv.service';

@ApiTags('measurements')
@ApiBearerAuth()
@Controller('v1/runs/:runId/ocptv')
export class OcptvController {
  constructor(private readonly ocptv: OcptvService) {}

  /** No body parser is registered for NDJSON: the request is read as a stream, line by line. */
  @Post()
  @Roles('test-engineer')
  @ApiConsumes(NDJSON)
  @ApiBody({ description: 'OCP Test & Validation output v2.0, one artifact per line', schema: { type: 'string' } })
  ingest(
    @Param('runId', ParseUUIDPipe) runId: string,
    @Req() request: Request,
    @Headers('content-type') contentType: string | undefined,
    @Headers('content-length') contentLength: string | undefined,
    @CurrentUser() user: AuthenticatedUser,
  ) {
    return this.ocptv.ingest(runId, request, contentType, user.username, contentLength);
  }
}
