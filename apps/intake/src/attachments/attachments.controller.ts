import { Controller, Get, Headers, Param, Post, Query, Req, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser, ROLES, Roles } from '@rackeval/auth';
import { ApiErrors, DEFAULT_ATTACHMENT_MEDIA_TYPES, streamDownload } from '@rackeval/platform';
import type { Request, Response } from 'express';
import { DeliveryReferenceParam } from '../deliveries/dto/delivery-reference.param';
import { RmaIdParam } from '../rmas/dto/rma-id.param';
import { AttachmentsService } from './attachments.service';
import { AttachmentUploadQuery } from './dto/attachment-upload.query';
import { DeliveryAttachmentParam, InspectionAttachmentParam, InspectionParam, RmaAttachmentParam } from './dto/attachment.param';
import { AttachmentView } from './dto/attachment.view';

// Bodies are read as streams (intake has no body parser for these types): receiveUpload checks them.
const UPLOAD_BODY = {
  description:
    'The file itself as the raw body; Content-Type is its media type (checked against its first bytes for images, PDF and archives), the name is ?filename=',
  schema: { type: 'string', format: 'binary' },
} as const;
const DOWNLOAD = {
  description: 'The file, streamed, with Content-Type, Content-Length, ETag (its SHA-256) and Content-Disposition: attachment',
  schema: { type: 'string', format: 'binary' },
} as const;

/** What an upload route passes on: the body as a stream with its declared type and length. */
const upload = (request: Request, contentType: string | undefined, contentLength: string | undefined) => ({
  body: request,
  contentType,
  contentLength,
});

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
  @ApiConsumes(...DEFAULT_ATTACHMENT_MEDIA_TYPES)
  @ApiBody(UPLOAD_BODY)
  @ApiCreatedResponse({ type: AttachmentView })
  @ApiErrors(400, 404, 413, 415)
  attach(
    @Param() { reference }: DeliveryReferenceParam,
    @Query() { filename }: AttachmentUploadQuery,
    @Req() request: Request,
    @Headers('content-type') contentType: string | undefined,
    @Headers('content-length') contentLength: string | undefined,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<AttachmentView> {
    return this.attachments.attach({ kind: 'DELIVERY', reference }, upload(request, contentType, contentLength), filename, user.username);
  }

  @Get()
  @Roles(...ROLES)
  @ApiOkResponse({ type: [AttachmentView] })
  @ApiErrors(400, 404)
  list(@Param() { reference }: DeliveryReferenceParam): Promise<AttachmentView[]> {
    return this.attachments.list({ kind: 'DELIVERY', reference });
  }

  @Get(':attachmentId')
  @Roles(...ROLES)
  @ApiProduces('application/octet-stream')
  @ApiOkResponse(DOWNLOAD)
  @ApiErrors(400, 404)
  async download(@Param() { reference, attachmentId }: DeliveryAttachmentParam, @Res() response: Response): Promise<void> {
    const { object, headers } = await this.attachments.open({ kind: 'DELIVERY', reference }, attachmentId);
    await streamDownload(response, object, headers);
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
  @ApiConsumes(...DEFAULT_ATTACHMENT_MEDIA_TYPES)
  @ApiBody(UPLOAD_BODY)
  @ApiCreatedResponse({ type: AttachmentView })
  @ApiErrors(400, 404, 413, 415)
  attach(
    @Param() { serial, inspectionId }: InspectionParam,
    @Query() { filename }: AttachmentUploadQuery,
    @Req() request: Request,
    @Headers('content-type') contentType: string | undefined,
    @Headers('content-length') contentLength: string | undefined,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<AttachmentView> {
    const owner = { kind: 'INSPECTION', serial, inspectionId } as const;
    return this.attachments.attach(owner, upload(request, contentType, contentLength), filename, user.username);
  }

  @Get()
  @Roles(...ROLES)
  @ApiOkResponse({ type: [AttachmentView] })
  @ApiErrors(400, 404)
  list(@Param() { serial, inspectionId }: InspectionParam): Promise<AttachmentView[]> {
    return this.attachments.list({ kind: 'INSPECTION', serial, inspectionId });
  }

  @Get(':attachmentId')
  @Roles(...ROLES)
  @ApiProduces('application/octet-stream')
  @ApiOkResponse(DOWNLOAD)
  @ApiErrors(400, 404)
  async download(@Param() { serial, inspectionId, attachmentId }: InspectionAttachmentParam, @Res() response: Response): Promise<void> {
    const { object, headers } = await this.attachments.open({ kind: 'INSPECTION', serial, inspectionId }, attachmentId);
    await streamDownload(response, object, headers);
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
  @ApiConsumes(...DEFAULT_ATTACHMENT_MEDIA_TYPES)
  @ApiBody(UPLOAD_BODY)
  @ApiCreatedResponse({ type: AttachmentView })
  @ApiErrors(400, 404, 413, 415)
  attach(
    @Param() { id }: RmaIdParam,
    @Query() { filename }: AttachmentUploadQuery,
    @Req() request: Request,
    @Headers('content-type') contentType: string | undefined,
    @Headers('content-length') contentLength: string | undefined,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<AttachmentView> {
    return this.attachments.attach({ kind: 'RMA', rmaId: id }, upload(request, contentType, contentLength), filename, user.username);
  }

  @Get()
  @Roles(...ROLES)
  @ApiOkResponse({ type: [AttachmentView] })
  @ApiErrors(400, 404)
  list(@Param() { id }: RmaIdParam): Promise<AttachmentView[]> {
    return this.attachments.list({ kind: 'RMA', rmaId: id });
  }

  @Get(':attachmentId')
  @Roles(...ROLES)
  @ApiProduces('application/octet-stream')
  @ApiOkResponse(DOWNLOAD)
  @ApiErrors(400, 404)
  async download(@Param() { id, attachmentId }: RmaAttachmentParam, @Res() response: Response): Promise<void> {
    const { object, headers } = await this.attachments.open({ kind: 'RMA', rmaId: id }, attachmentId);
    await streamDownload(response, object, headers);
  }
}
