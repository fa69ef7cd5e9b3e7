import { Controller } from '@nestjs/common';
import { attachmentRoutes } from '@rackeval/platform';
import { DeliveryReferenceParam } from '../deliveries/dto/delivery-reference.param';
import { RmaIdParam } from '../rmas/dto/rma-id.param';
import type { AttachmentOwner } from './attachment-owner.rules';
import { AttachmentsService } from './attachments.service';
import { AttachmentUploadQuery } from './dto/attachment-upload.query';
import { DeliveryAttachmentParam, InspectionAttachmentParam, InspectionParam, RmaAttachmentParam } from './dto/attachment.param';
import { AttachmentView } from './dto/attachment.view';

/** Receiving staff or an admin attach files; every role lists and downloads them. */
const routes = {
  service: AttachmentsService,
  attachRoles: ['intake', 'admin'],
  View: AttachmentView,
  UploadQuery: AttachmentUploadQuery,
} as const;

/** Photos of damage on arrival, the carrier's papers. */
@Controller('v1/deliveries/:reference/attachments')
export class DeliveryAttachmentsController extends attachmentRoutes({
  ...routes,
  tag: 'deliveries',
  summary: "Attach a file to a delivery (photos of damage on arrival, the carrier's papers)",
  OwnerParam: DeliveryReferenceParam,
  DownloadParam: DeliveryAttachmentParam,
  ownerOf: ({ reference }): AttachmentOwner => ({ kind: 'DELIVERY', reference }),
}) {}

/** What an inspection saw (photos, a leak-test printout), with the same rules. */
@Controller('v1/racks/:serial/inspections/:inspectionId/attachments')
export class InspectionAttachmentsController extends attachmentRoutes({
  ...routes,
  tag: 'racks',
  summary: 'Attach a file to an inspection of a rack (photos of what it found)',
  OwnerParam: InspectionParam,
  DownloadParam: InspectionAttachmentParam,
  ownerOf: ({ serial, inspectionId }): AttachmentOwner => ({ kind: 'INSPECTION', serial, inspectionId }),
}) {}

/** An RMA's papers (packing list, the manufacturer's authorisation), with the same rules. */
@Controller('v1/rmas/:id/attachments')
export class RmaAttachmentsController extends attachmentRoutes({
  ...routes,
  tag: 'rmas',
  summary: "Attach a file to an RMA (its packing list, the manufacturer's papers)",
  OwnerParam: RmaIdParam,
  DownloadParam: RmaAttachmentParam,
  ownerOf: ({ id }): AttachmentOwner => ({ kind: 'RMA', rmaId: id }),
}) {}
