import { applyDecorators, createParamDecorator, type ExecutionContext, type Type } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiProduces } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { ApiErrors } from '../openapi';
import { streamDownload } from './attachment-download';
import type { OpenedAttachment } from './attachment-files';
import { DEFAULT_ATTACHMENT_MEDIA_TYPES } from './media-types';
import type { IncomingUpload } from './receive-upload';

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
 * Documents a raw upload (the file as the body, its name as `?filename=`) answering `View` with 201,
 * and the 400, 404, 413 and 415 it may give.
 */
export const ApiAttachmentUpload = (View: Type<unknown>) =>
  // Applied in the order stacked decorators are (bottom first), so the documents read as before.
  applyDecorators(
    ApiErrors(400, 404, 413, 415),
    ApiCreatedResponse({ type: View }),
    ApiBody(UPLOAD_BODY),
    ApiConsumes(...DEFAULT_ATTACHMENT_MEDIA_TYPES),
  );

/** Documents a list of an owner's attachments (`View[]`), or 400/404. */
export const ApiAttachmentList = (View: Type<unknown>) => applyDecorators(ApiErrors(400, 404), ApiOkResponse({ type: [View] }));

/** Documents a download: the file's bytes, or 400/404. */
export const ApiAttachmentDownload = () =>
  applyDecorators(ApiErrors(400, 404), ApiOkResponse(DOWNLOAD), ApiProduces('application/octet-stream'));

/**
 * The request body of a raw upload as a stream, with its declared Content-Type and Content-Length.
 * The route reads no body parser for these types: receiveUpload checks what arrives.
 */
export const UploadedBody = createParamDecorator((_: unknown, context: ExecutionContext): IncomingUpload => {
  const request = context.switchToHttp().getRequest<Request>();
  return { body: request, contentType: request.headers['content-type'], contentLength: request.headers['content-length'] };
});

/** Streams an opened attachment as the answer (see streamDownload for the headers). */
export const sendAttachment = (response: Response, { object, headers }: OpenedAttachment): Promise<void> =>
  streamDownload(response, object, headers);
