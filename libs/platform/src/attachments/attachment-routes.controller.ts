import { Get, Inject, Param, Post, Query, Res, type Type } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type AuthenticatedUser, CurrentUser, type Role, ROLES, Roles } from '@rackeval/auth';
import type { Response } from 'express';
import { ApiErrors } from '../openapi';
import type { OpenedAttachment } from './attachment-files';
import { ApiAttachmentDownload, ApiAttachmentList, ApiAttachmentUpload, sendAttachment, UploadedBody } from './attachment-routes';
import type { IncomingUpload } from './receive-upload';

/** What the routes of an owner's attachments call: a service that knows its owners. */
export interface AttachmentRoutesService<Owner> {
  attach(owner: Owner, upload: IncomingUpload, filename: string, actor: string): Promise<unknown>;
  list(owner: Owner): Promise<unknown[]>;
  open(owner: Owner, attachmentId: string): Promise<OpenedAttachment>;
}

/** One kind of owner's attachment routes, as the service that has them declares them. */
export interface AttachmentRoutesOf<Owner, P extends object> {
  service: Type<AttachmentRoutesService<Owner>>;
  /** The OpenAPI tag the routes are listed under. */
  tag: string;
  /** Who may attach a file; every role may list and download. */
  attachRoles: readonly Role[];
  /** The upload's summary in the OpenAPI document, if it has one. */
  summary?: string;
  /** The answer of an upload and the items of a list. */
  View: Type<unknown>;
  /** The validated `?filename=`. */
  UploadQuery: Type<{ filename: string }>;
  /** The validated path parameters naming the owner, and those naming one of its attachments. */
  OwnerParam: Type<P>;
  DownloadParam: Type<P & { attachmentId: string }>;
  ownerOf(params: P): Owner;
}

/**
 * The three routes of an owner's attachments, for a class that adds its path with `@Controller`:
 * POST (the file as the raw body, `?filename=`), GET (the list) and GET `:attachmentId` (the download).
 * Bodies are read as streams (no body parser for these types): AttachmentFiles checks them.
 */
export function attachmentRoutes<Owner, P extends object>(routes: AttachmentRoutesOf<Owner, P>) {
  const { service, ownerOf } = routes;
  const summary = routes.summary === undefined ? () => undefined : ApiOperation({ summary: routes.summary });

  @ApiTags(routes.tag)
  @ApiBearerAuth()
  @ApiErrors(401, 403)
  class AttachmentRoutes {
    constructor(@Inject(service) readonly attachments: AttachmentRoutesService<Owner>) {}

    @Post()
    @Roles(...routes.attachRoles)
    @summary
    @ApiAttachmentUpload(routes.View)
    attach(
      @Param() params: P,
      @Query() query: { filename: string },
      @UploadedBody() upload: IncomingUpload,
      @CurrentUser() user: AuthenticatedUser,
    ): Promise<unknown> {
      return this.attachments.attach(ownerOf(params), upload, query.filename, user.username);
    }

    @Get()
    @Roles(...ROLES)
    @ApiAttachmentList(routes.View)
    list(@Param() params: P): Promise<unknown[]> {
      return this.attachments.list(ownerOf(params));
    }

    @Get(':attachmentId')
    @Roles(...ROLES)
    @ApiAttachmentDownload()
    async download(@Param() params: P & { attachmentId: string }, @Res() response: Response): Promise<void> {
      await sendAttachment(response, await this.attachments.open(ownerOf(params), params.attachmentId));
    }
  }
  // The declared types of generic parameters are erased: name the classes that validate (and document) each route's parameters.
  const declared: ReadonlyArray<[keyof AttachmentRoutes, Type<unknown>[]]> = [
    ['attach', [routes.OwnerParam, routes.UploadQuery]],
    ['list', [routes.OwnerParam]],
    ['download', [routes.DownloadParam]],
  ];
  for (const [route, types] of declared) {
    const erased = (Reflect.getMetadata('design:paramtypes', AttachmentRoutes.prototype, route) ?? []) as unknown[];
    Reflect.defineMetadata('design:paramtypes', [...types, ...erased.slice(types.length)], AttachmentRoutes.prototype, route);
  }
  return AttachmentRoutes;
}
