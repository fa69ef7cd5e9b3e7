import { applyDecorators, CanActivate, ExecutionContext, UnsupportedMediaTypeException, UseGuards } from '@nestjs/common';
import { ApiConsumes } from '@nestjs/swagger';

interface BodyRequest {
  headers: Record<string, string | string[] | undefined>;
  readableEnded?: boolean;
  resume?(): unknown;
}

/** The media type without its parameters, e.g. `text/csv` for `text/csv; charset=utf-8`. */
export function mediaTypeOf(contentType: string | undefined): string | undefined {
  return contentType?.split(';')[0].trim().toLowerCase() || undefined;
}

/**
 * Refuses a body of another media type before the handler runs: 415 naming the accepted types and
 * the one sent. A streamed body is drained first, so the connection stays usable.
 */
export class MediaTypeGuard implements CanActivate {
  constructor(private readonly accepted: readonly string[]) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<BodyRequest>();
    const header = request.headers['content-type'];
    const sent = mediaTypeOf(Array.isArray(header) ? header[0] : header);
    if (sent && this.accepted.includes(sent)) return true;
    if (!request.readableEnded) request.resume?.();
    throw new UnsupportedMediaTypeException(`send the body as Content-Type: ${this.accepted.join(' or ')} (got ${sent ?? 'none'})`);
  }
}

/** The media types a route's body may have (checked, and documented in OpenAPI). */
export const Consumes = (...mediaTypes: string[]): MethodDecorator =>
  applyDecorators(UseGuards(new MediaTypeGuard(mediaTypes.map((type) => type.toLowerCase()))), ApiConsumes(...mediaTypes));
