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
  constructor(
    private readonly accepted: readonly string[],
    private readonly refusal?: ConsumesOptions['refusal'],
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<BodyRequest>();
    const header = request.headers['content-type'];
    const sent = mediaTypeOf(Array.isArray(header) ? header[0] : header);
    if (sent && this.accepted.includes(sent)) return true;
    if (!request.readableEnded) request.resume?.();
    throw (
      this.refusal?.(sent, this.accepted) ??
      new UnsupportedMediaTypeException(`send the body as Content-Type: ${this.accepted.join(' or ')} (got ${sent ?? 'none'})`)
    );
  }
}

export interface ConsumesOptions {
  /** The error for another media type, where a route's contract names one (e.g. 400 MALFORMED_OCPTV); 415 otherwise. */
  refusal?: (sent: string | undefined, accepted: readonly string[]) => Error;
}

/** The media types a route's body may have (checked, and documented in OpenAPI). */
export const Consumes = (mediaTypes: string | readonly string[], options: ConsumesOptions = {}): MethodDecorator => {
  const accepted = typeof mediaTypes === 'string' ? [mediaTypes] : [...mediaTypes];
  return applyDecorators(
    UseGuards(
      new MediaTypeGuard(
        accepted.map((type) => type.toLowerCase()),
        options.refusal,
      ),
    ),
    ApiConsumes(...accepted),
  );
};
