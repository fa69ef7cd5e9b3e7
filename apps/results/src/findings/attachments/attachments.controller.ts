import { Controller, Get, Headers, Param, ParseUUIDPipe, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser, ROLES, Roles } from '@rackeval/auth';
import { ApiErrors, DEFAULT_ATTACHMENT_MEDIA_TYPES, streamDownload } from '@rackeval/platform';
import type { Request, Response } from 'express';
import { AttachmentUploadQuery, FindingAttachmentParam, RunAttachmentParam } from '../dto/attachment.dto';
import { AttachmentView } from '../dto/attachment.view';
import { AttachmentsService } from './attachments.service';

const UPLOAD_BODY = {
  description:
    'The file itself as the raw body; Content-Type is its media type (checked against its first bytes for images, PDF and archives), the name is ?filename=',
  schema: { type: 'string', format: 'binary' },
} as const;
const DOWNLOAD = { description: 'The file, streamed, with Content-Type, Content-Length, ETag (its SHA-256) and Content-Disposition: attachment', schema: { type: 'string', format: 'binary' } } as const;

/** Evidence on findings: any role may read it, test engineers and admins attach it. Bodies are read as streams (no body parser). */
@ApiTags('findings')
@ApiBearerAuth()
@ApiErrors(401, 403)
@Controller('v1/findings/:id/attachments')
export class FindingAttachmentsController {
  constructor(private readonly attachments: AttachmentsService) {}

  @Post()
  @Roles('test-engineer', 'admin')
  @ApiConsumes(...DEFAULT_ATTACHMENT_MEDIA_TYPES)
  @ApiBody(UPLOAD_BODY)
  @ApiCreatedResponse({ type: AttachmentView })
  @ApiErrors(400, 404, 413, 415)
  attach(
    @Param('id', ParseUUIDPipe) id: string,
    @Query() query: AttachmentUploadQuery,
    @Req() request: Request,
    @Headers('content-type') contentType: string | undefined,
    @Headers('content-length') contentLength: string | undefined,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<AttachmentView> {
    return this.attachments.attach('FINDING', id, { body: request, contentType, contentLength }, query.filename, user.username);
  }

  @Get()
  @Roles(...ROLES)
  @ApiOkResponse({ type: [AttachmentView] })
  @ApiErrors(400, 404)
  list(@Param('id', ParseUUIDPipe) id: string): Promise<AttachmentView[]> {
    return this.attachments.list('FINDING', id);
  }

  @Get(':attachmentId')
  @Roles(...ROLES)
  @ApiProduces('application/octet-stream')
  @ApiOkResponse(DOWNLOAD)
  @ApiErrors(400, 404)
  async download(@Param() { id, attachmentId }: FindingAttachmentParam, @Res() response: Response): Promise<void> {
    const { object, headers } = await this.attachments.open('FINDING', id, attachmentId);
    await streamDownload(response, object, headers);
  }
}

/** Evidence on runs (harness logs, thermal images), with the same rules. */
@ApiTags('findings')
@ApiBearerAuth()
@ApiErrors(401, 403)
@Controller('v1/runs/:runId/attachments')
export class RunAttachmentsController {
  constructor(private readonly attachments: AttachmentsService) {}

  @Post()
  @Roles('test-engineer', 'admin')
  @ApiConsumes(...DEFAULT_ATTACHMENT_MEDIA_TYPES)
  @ApiBody(UPLOAD_BODY)
  @ApiCreatedResponse({ type: AttachmentView })
  @ApiErrors(400, 404, 413, 415)
  attach(
    @Param('runId', ParseUUIDPipe) runId: string,
    @Query() query: AttachmentUploadQuery,
    @Req() request: Request,
    @Headers('content-type') contentType: string | undefined,
    @Headers('content-length') contentLength: string | undefined,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<AttachmentView> {
    return this.attachments.attach('RUN', runId, { body: request, contentType, contentLength }, query.filename, user.username);
  }

  @Get()
  @Roles(...ROLES)
  @ApiOkResponse({ type: [AttachmentView] })
  @ApiErrors(400, 404)
  list(@Param('runId', ParseUUIDPipe) runId: string): Promise<AttachmentView[]> {
    return this.attachments.list('RUN', runId);
  }

  @Get(':attachmentId')
  @Roles(...ROLES)
  @ApiProduces('application/octet-stream')
  @ApiOkResponse(DOWNLOAD)
  @ApiErrors(400, 404)
  async download(@Param() { runId, attachmentId }: RunAttachmentParam, @Res() response: Response): Promise<void> {
    const { object, headers } = await this.attachments.open('RUN', runId, attachmentId);
    await streamDownload(response, object, headers);
  }
}
