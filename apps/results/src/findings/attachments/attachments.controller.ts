import { Controller, Get, Headers, Param, Post, Query, Req, Res, Type } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { AttachmentSubject } from '@rackeval/contracts';
import { AuthenticatedUser, CurrentUser, ROLES, Roles } from '@rackeval/auth';
import { ApiErrors, DEFAULT_ATTACHMENT_MEDIA_TYPES, streamDownload } from '@rackeval/platform';
import type { Request, Response } from 'express';
import { RunIdParam } from '../../run-mirror/dto/run-id.param';
import { AttachmentUploadQuery } from '../dto/attachment.dto';
import { FindingAttachmentParam, RunAttachmentParam } from '../dto/attachment.param';
import { FindingIdParam } from '../dto/finding-id.param';
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
 * `SubjectParam` its validated parameter and `DownloadParam` those of a download (subject id and attachmentId).
 */
function subjectAttachmentsController<S extends object, P extends S & { attachmentId: string }>(
  subject: AttachmentSubject,
  idParam: string & keyof S,
  SubjectParam: Type<S>,
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
      @Param() params: S,
      @Query() query: AttachmentUploadQuery,
      @Req() request: Request,
      @Headers('content-type') contentType: string | undefined,
      @Headers('content-length') contentLength: string | undefined,
      @CurrentUser() user: AuthenticatedUser,
    ): Promise<AttachmentView> {
      const id = params[idParam] as string;
      return this.attachments.attach(subject, id, { body: request, contentType, contentLength }, query.filename, user.username);
    }

    @Get()
    @Roles(...ROLES)
    @ApiOkResponse({ type: [AttachmentView] })
    @ApiErrors(400, 404)
    list(@Param() params: S): Promise<AttachmentView[]> {
      return this.attachments.list(subject, params[idParam] as string);
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
  // The declared type of a generic parameter is erased: name the classes that validate (and document) each route's parameters.
  const routes = [
    ['attach', SubjectParam],
    ['list', SubjectParam],
    ['download', DownloadParam],
  ] as const;
  for (const [route, ParamType] of routes) {
    const types = (Reflect.getMetadata('design:paramtypes', SubjectAttachmentsController.prototype, route) ?? []) as unknown[];
    Reflect.defineMetadata('design:paramtypes', [ParamType, ...types.slice(1)], SubjectAttachmentsController.prototype, route);
  }
  return SubjectAttachmentsController;
}

/** Evidence on findings. */
@Controller('v1/findings/:id/attachments')
export class FindingAttachmentsController extends subjectAttachmentsController('FINDING', 'id', FindingIdParam, FindingAttachmentParam) {}

/** Evidence on runs (harness logs, thermal images), with the same rules. */
@Controller('v1/runs/:runId/attachments')
export class RunAttachmentsController extends subjectAttachmentsController('RUN', 'runId', RunIdParam, RunAttachmentParam) {}
