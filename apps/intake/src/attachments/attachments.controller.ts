import { Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
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
import { DeliveryReferenceParam } from '../deliveries/dto/delivery-reference.param';
import { RmaIdParam } from '../rmas/dto/rma-id.param';
import { AttachmentsService } from './attachments.service';
import { AttachmentUploadQuery } from './dto/attachment-upload.query';
import { DeliveryAttachmentParam, InspectionAttachmentParam, InspectionParam, RmaAttachmentParam } from './dto/attachment.param';
import { AttachmentView } from './dto/attachment.view';

// Bodies are read as streams (intake has no body parser for these types): AttachmentFiles checks them.

/** Photos of damage on arrival, the carrier's papers: receiving staff or an admin attach them, every role reads them. */
@ApiTags('deliveries')
@ApiBearerAuth()
@ApiErrors(401, 403)
@Controller('v1/deliveries/:reference/attachments')
export class DeliveryAttachmentsController {
  constructor(private readonly attachments: AttachmentsService) {}

  @Post()
  @Roles('intake', 'admin')
  @ApiOperation({ summary: "Attach a file to a delivery (photos of damage on arrival, the carrier's papers)" })
  @ApiAttachmentUpload(AttachmentView)
  attach(
    @Param() { reference }: DeliveryReferenceParam,
    @Query() { filename }: AttachmentUploadQuery,
    @UploadedBody() upload: IncomingUpload,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<AttachmentView> {
    return this.attachments.attach({ kind: 'DELIVERY', reference }, upload, filename, user.username);
  }

  @Get()
  @Roles(...ROLES)
  @ApiAttachmentList(AttachmentView)
  list(@Param() { reference }: DeliveryReferenceParam): Promise<AttachmentView[]> {
    return this.attachments.list({ kind: 'DELIVERY', reference });
  }

  @Get(':attachmentId')
  @Roles(...ROLES)
  @ApiAttachmentDownload()
  async download(@Param() { reference, attachmentId }: DeliveryAttachmentParam, @Res() response: Response): Promise<void> {
    await sendAttachment(response, await this.attachments.open({ kind: 'DELIVERY', reference }, attachmentId));
  }
}

/** What an inspection saw (photos, a leak-test printout), with the same rules. */
@ApiTags('racks')
@ApiBearerAuth()
@ApiErrors(401, 403)
@Controller('v1/racks/:serial/inspections/:inspectionId/attachments')
export class InspectionAttachmentsController {
  constructor(private readonly attachments: AttachmentsService) {}

  @Post()
  @Roles('intake', 'admin')
  @ApiOperation({ summary: 'Attach a file to an inspection of a rack (photos of what it found)' })
  @ApiAttachmentUpload(AttachmentView)
  attach(
    @Param() { serial, inspectionId }: InspectionParam,
    @Query() { filename }: AttachmentUploadQuery,
    @UploadedBody() upload: IncomingUpload,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<AttachmentView> {
    const owner = { kind: 'INSPECTION', serial, inspectionId } as const;
    return this.attachments.attach(owner, upload, filename, user.username);
  }

  @Get()
  @Roles(...ROLES)
  @ApiAttachmentList(AttachmentView)
  list(@Param() { serial, inspectionId }: InspectionParam): Promise<AttachmentView[]> {
    return this.attachments.list({ kind: 'INSPECTION', serial, inspectionId });
  }

  @Get(':attachmentId')
  @Roles(...ROLES)
  @ApiAttachmentDownload()
  async download(@Param() { serial, inspectionId, attachmentId }: InspectionAttachmentParam, @Res() response: Response): Promise<void> {
    await sendAttachment(response, await this.attachments.open({ kind: 'INSPECTION', serial, inspectionId }, attachmentId));
  }
}

/** An RMA's papers (packing list, the manufacturer's authorisation), with the same rules. */
@ApiTags('rmas')
@ApiBearerAuth()
@ApiErrors(401, 403)
@Controller('v1/rmas/:id/attachments')
export class RmaAttachmentsController {
  constructor(private readonly attachments: AttachmentsService) {}

  @Post()
  @Roles('intake', 'admin')
  @ApiOperation({ summary: "Attach a file to an RMA (its packing list, the manufacturer's papers)" })
  @ApiAttachmentUpload(AttachmentView)
  attach(
    @Param() { id }: RmaIdParam,
    @Query() { filename }: AttachmentUploadQuery,
    @UploadedBody() upload: IncomingUpload,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<AttachmentView> {
    return this.attachments.attach({ kind: 'RMA', rmaId: id }, upload, filename, user.username);
  }

  @Get()
  @Roles(...ROLES)
  @ApiAttachmentList(AttachmentView)
  list(@Param() { id }: RmaIdParam): Promise<AttachmentView[]> {
    return this.attachments.list({ kind: 'RMA', rmaId: id });
  }

  @Get(':attachmentId')
  @Roles(...ROLES)
  @ApiAttachmentDownload()
  async download(@Param() { id, attachmentId }: RmaAttachmentParam, @Res() response: Response): Promise<void> {
    await sendAttachment(response, await this.attachments.open({ kind: 'RMA', rmaId: id }, attachmentId));
  }
}
