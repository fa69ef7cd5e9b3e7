import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser, ROLES, Roles } from '@rackeval/auth';
import { ApiErrors, Consumes } from '@rackeval/platform';
import type { Request } from 'express';
import { NDJSON, ocptvMediaTypeRefused } from '../ocptv/ocptv.service';
import { RunIdParam } from '../run-mirror/dto/run-id.param';
import { OcptvChunkQuery, OpenOcptvUploadDto } from './dto/ocptv-upload.dto';
import { OcptvUploadParam } from './dto/ocptv-upload.param';
import { OcptvUploadView } from './dto/ocptv-upload.view';
import { OcptvUploadService } from './ocptv-upload.service';

/** The status of an open: 201 for a new upload, 200 for the same file's upload already there (resume from it). */
interface StatusSetter {
  status(code: number): unknown;
}

@ApiTags('measurements')
@ApiBearerAuth()
@ApiErrors(401, 403)
@Controller('v1/runs/:runId/ocptv/uploads')
export class OcptvUploadController {
  constructor(private readonly uploads: OcptvUploadService) {}

  @Post()
  @Roles('test-engineer')
  @ApiCreatedResponse({ type: OcptvUploadView, description: 'A new upload of this file' })
  @ApiOkResponse({ type: OcptvUploadView, description: "This file's upload for the run already exists: resume at its committedBytes" })
  @ApiErrors(400, 404)
  async open(
    @Param() { runId }: RunIdParam,
    @Body() body: OpenOcptvUploadDto,
    @CurrentUser() user: AuthenticatedUser,
    @Res({ passthrough: true }) response: StatusSetter,
  ): Promise<OcptvUploadView> {
    const { upload, created } = await this.uploads.open(runId, body, user.username);
    response.status(created ? 201 : 200);
    return upload;
  }

  @Get()
  @Roles(...ROLES)
  @ApiOkResponse({ type: [OcptvUploadView] })
  @ApiErrors(400, 404)
  list(@Param() { runId }: RunIdParam): Promise<OcptvUploadView[]> {
    return this.uploads.list(runId);
  }

  @Get(':uploadId')
  @Roles(...ROLES)
  @ApiOkResponse({ type: OcptvUploadView })
  @ApiErrors(400, 404)
  get(@Param() { runId, uploadId }: OcptvUploadParam): Promise<OcptvUploadView> {
    return this.uploads.get(runId, uploadId);
  }

  /** Whole lines at the committed offset; a chunk sent again is answered from what is stored. Read as a stream, no body parser. */
  @Post(':uploadId/chunks')
  @HttpCode(200)
  @Roles('test-engineer')
  @Consumes(NDJSON, { refusal: ocptvMediaTypeRefused('a chunk of OCPTV output') })
  @ApiBody({ description: 'The next whole lines of the OCPTV file, from byte `offset`', schema: { type: 'string' } })
  @ApiOkResponse({ type: OcptvUploadView, description: 'The upload after this chunk (or unchanged, if the chunk was already stored)' })
  @ApiErrors(400, 404, 409, 413, 422)
  addChunk(
    @Param() { runId, uploadId }: OcptvUploadParam,
    @Query() query: OcptvChunkQuery,
    @Req() request: Request,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<OcptvUploadView> {
    return this.uploads.addChunk(runId, uploadId, query, request, user.username);
  }
}
