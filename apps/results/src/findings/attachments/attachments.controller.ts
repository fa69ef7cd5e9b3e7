import { Controller, Get, Param, Post, Query, Res, Type } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { AttachmentSubject } from '@rackeval/contracts';
import { AuthenticatedUser, CurrentUser, ROLES, Roles } from '@rackeval/auth';
import {
  ApiAttachmentDownload,
  ApiAttachmentList,
  ApiAttachmentUpload,
  ApiErrors,
  type IncomingUpload,
  sendAttachment,
  UploadedBody,
} from '@rackeval/platform';
import type { Response } from 'express';
import { RunIdParam } from '../../run-mirror/dto/run-id.param';
import { AttachmentUploadQuery } from '../dto/attachment.dto';
import { FindingAttachmentParam, RunAttachmentParam } from '../dto/attachment.param';
import { FindingIdParam } from '../dto/finding-id.param';
import { AttachmentView } from '../dto/attachment.view';
import { AttachmentsService } from './attachments.service';

/**
 * The routes of one subject's evidence: any role may read it, test engineers and admins attach it.
 * Bodies are read as streams (no body parser): AttachmentFiles checks them. `idParam` is the route parameter naming the subject,
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
    @ApiAttachmentUpload(AttachmentView)
    attach(
      @Param() params: S,
      @Query() query: AttachmentUploadQuery,
      @UploadedBody() upload: IncomingUpload,
      @CurrentUser() user: AuthenticatedUser,
    ): Promise<AttachmentView> {
      return this.attachments.attach(subject, params[idParam] as string, upload, query.filename, user.username);
    }

    @Get()
    @Roles(...ROLES)
    @ApiAttachmentList(AttachmentView)
    list(@Param() params: S): Promise<AttachmentView[]> {
      return this.attachments.list(subject, params[idParam] as string);
    }

    @Get(':attachmentId')
    @Roles(...ROLES)
    @ApiAttachmentDownload()
    async download(@Param() params: P, @Res() response: Response): Promise<void> {
      await sendAttachment(response, await this.attachments.open(subject, params[idParam] as string, params.attachmentId));
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
