import { Controller, Get, Headers, Param, ParseUUIDPipe, Post, Query, Req, Res, Type } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { AttachmentSubject } from '@rackeval/contracts';
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
const DOWNLOAD = {
  description: 'The file, streamed, with Content-Type, Content-Length, ETag (its SHA-256) and Content-Disposition: attachment',
  schema: { type: 'string', format: 'binary' },
} as const;

/**
 * The routes of one subject's evidence: any role may read it, test engineers and admins attach it.
 * Bodies are read as streams (no body parser). `idParam` is the route parameter naming the subject,
 * `DownloadParam` the validated parameters of a download (subject id and attachmentId).
 */
function subjectAttachmentsController<P extends { attachmentId: string }>(
  subject: AttachmentSubject,
  idParam: string & keyof P,
  DownloadParam: Type<P>,
) {
  @ApiTags('findings')
  @ApiBearerAuth()
  @ApiErrors(401, 403)
  class SubjectAttachmentsController {
    constructor(readonly attachments: AttachmentsService) {}

    @Post()
    @Roles('test-engineer', 'admin')
    @ApiConsumes(...DEFAULT_ATTACHMENT_MEDIA_TYPES)
    @ApiBody(UPLOAD_BODY)
    @ApiCreatedResponse({ type: AttachmentView })
    @ApiErrors(400, 404, 413, 415)
    attach(
      @Param(idParam, ParseUUIDPipe) id: string,
      @Query() query: AttachmentUploadQuery,
      @Req() request: Request,
      @Headers('content-type') contentType: string | undefined,
      @Headers('content-length') contentLength: string | undefined,
      @CurrentUser() user: AuthenticatedUser,
    ): Promise<AttachmentView> {
      return this.attachments.attach(subject, id, { body: request, contentType, contentLength }, query.filename, user.username);
    }

    @Get()
    @Roles(...ROLES)
    @ApiOkResponse({ type: [AttachmentView] })
    @ApiErrors(400, 404)
    list(@Param(idParam, ParseUUIDPipe) id: string): Promise<AttachmentView[]> {
      return this.attachments.list(subject, id);
    }

    @Get(':attachmentId')
    @Roles(...ROLES)
    @ApiProduces('application/octet-stream')
    @ApiOkResponse(DOWNLOAD)
    @ApiErrors(400, 404)
    async download(@Param() params: P, @Res() response: Response): Promise<void> {
      const { object, headers } = await this.attachments.open(subject, params[idParam] as string, params.attachmentId);
      await streamDownload(response, object, headers);
    }
  }
  // The declared type of a generic parameter is erased: name the class that validates (and documents) the download's parameters.
  Reflect.defineMetadata('design:paramtypes', [DownloadParam, Object], SubjectAttachmentsController.prototype, 'download');
  return SubjectAttachmentsController;
}

/** Evidence on findings. */
@Controller('v1/findings/:id/attachments')
export class FindingAttachmentsController extends subjectAttachmentsController('FINDING', 'id', FindingAttachmentParam) {}

/** Evidence on runs (harness logs, thermal images), with the same rules. */
@Controller('v1/runs/:runId/attachments')
export class RunAttachmentsController extends subjectAttachmentsController('RUN', 'runId', RunAttachmentParam) {}
