import { Controller } from '@nestjs/common';
import { attachmentRoutes } from '@rackeval/platform';
import { RunIdParam } from '../../run-mirror/dto/run-id.param';
import { AttachmentUploadQuery } from '../dto/attachment.dto';
import { FindingAttachmentParam, RunAttachmentParam } from '../dto/attachment.param';
import { FindingIdParam } from '../dto/finding-id.param';
import { AttachmentView } from '../dto/attachment.view';
import { AttachmentsService, type EvidenceSubject } from './attachments.service';

/** Evidence: any role may read it, test engineers and admins attach it. */
const routes = {
  service: AttachmentsService,
  tag: 'findings',
  attachRoles: ['test-engineer', 'admin'],
  View: AttachmentView,
  UploadQuery: AttachmentUploadQuery,
} as const;

/** Evidence on findings. */
@Controller('v1/findings/:id/attachments')
export class FindingAttachmentsController extends attachmentRoutes({
  ...routes,
  OwnerParam: FindingIdParam,
  DownloadParam: FindingAttachmentParam,
  ownerOf: ({ id }): EvidenceSubject => ({ subject: 'FINDING', subjectId: id }),
}) {}

/** Evidence on runs (harness logs, thermal images), with the same rules. */
@Controller('v1/runs/:runId/attachments')
export class RunAttachmentsController extends attachmentRoutes({
  ...routes,
  OwnerParam: RunIdParam,
  DownloadParam: RunAttachmentParam,
  ownerOf: ({ runId }): EvidenceSubject => ({ subject: 'RUN', subjectId: runId }),
}) {}
