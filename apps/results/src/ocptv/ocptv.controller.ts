import { Controller, Headers, Param, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiExtraModels, ApiOperation, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser, Roles } from '@rackeval/auth';
import { ApiErrors, Consumes, mediaTypeOf } from '@rackeval/platform';
import type { Request } from 'express';
import { RunIdParam } from '../run-mirror/dto/run-id.param';
import { OcptvMultipartBody } from './dto/ocptv-multipart.body';
import { OcptvReceiptView } from './dto/ocptv.view';
import { MULTIPART, NDJSON, ocptvMediaTypeRefused, OcptvService } from './ocptv.service';

@ApiTags('measurements')
@ApiBearerAuth()
@ApiErrors(401, 403)
@ApiExtraModels(OcptvMultipartBody)
@Controller('v1/runs/:runId/ocptv')
export class OcptvController {
  constructor(private readonly ocptv: OcptvService) {}

  /**
   * No body parser is registered for NDJSON or multipart: the request is read as a stream, line by
   * line, or part by part. Multipart carries the files the stream's `file` artifacts name.
   */
  @Post()
  @Roles('test-engineer')
  @Consumes([NDJSON, MULTIPART], { refusal: ocptvMediaTypeRefused('OCPTV output') })
  @ApiOperation({
    summary: 'Log OCPTV output for a run, with the files its artifacts name',
    requestBody: {
      required: true,
      description:
        'OCP Test & Validation output v2.0, one artifact per line; or multipart/form-data with that output as the part `stream` and the files its `file` artifacts name (by the last segment of their uri, or their displayName) as further parts, each becoming an attachment of the run',
      content: {
        [NDJSON]: { schema: { type: 'string' } },
        [MULTIPART]: { schema: { $ref: getSchemaPath(OcptvMultipartBody) } },
      },
    },
  })
  @ApiCreatedResponse({ type: OcptvReceiptView })
  @ApiErrors(400, 404, 409, 413, 415, 422)
  ingest(
    @Param() { runId }: RunIdParam,
    @Req() request: Request,
    @Headers('content-length') contentLength: string | undefined,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<OcptvReceiptView> {
    return mediaTypeOf(request.headers['content-type']) === MULTIPART
      ? this.ocptv.ingestMultipart(runId, request, user.username)
      : this.ocptv.ingest(runId, request, user.username, contentLength);
  }
}
