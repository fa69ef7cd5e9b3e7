import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { currentContext, isInfrastructureError } from '@rackeval/messaging';
import type { Response } from 'express';
import { DomainError, ErrorDetail, ErrorKind } from './domain-error';

/** The one error shape every endpoint returns. */
export interface ErrorBody {
  statusCode: number;
  error: string;
  code: string;
  message: string;
  details: ErrorDetail[];
  correlationId?: string;
}

export function statusOf(kind: ErrorKind): HttpStatus {
  switch (kind) {
    case ErrorKind.BadInput:
      return HttpStatus.BAD_REQUEST;
    case ErrorKind.NotFound:
      return HttpStatus.NOT_FOUND;
    case ErrorKind.Conflict:
      return HttpStatus.CONFLICT;
    case ErrorKind.DomainRule:
      return HttpStatus.UNPROCESSABLE_ENTITY;
    case ErrorKind.Forbidden:
      return HttpStatus.FORBIDDEN;
    default: {
      const unreachable: never = kind;
      throw new Error(`unmapped error kind ${String(unreachable)}`);
    }
  }
}

const CODE_BY_STATUS: Record<number, string> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  422: 'UNPROCESSABLE',
  429: 'TOO_MANY_REQUESTS',
};

/** Maps domain errors, Nest's HTTP exceptions and anything unexpected to `ErrorBody`. */
@Catch()
export class ErrorResponseFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw exception;
    const response = host.switchToHttp().getResponse<Response>();
    if (isHealthReport(exception)) {
      // A failed /health keeps the report naming which dependency is down.
      response.status(exception.getStatus()).json(exception.getResponse());
      return;
    }
    const body = this.toBody(exception);
    body.correlationId = currentContext()?.correlationId;
    if (body.statusCode === 503) this.logger.warn(`answered 503, the database or broker is unavailable: ${String(exception)}`);
    else if (body.statusCode >= 500) this.logger.error(exception instanceof Error ? exception : String(exception));
    if (response.headersSent) return;
    // A client may retry after an outage; with the same Idempotency-Key it never applies twice.
    if (body.statusCode === 503) response.setHeader('retry-after', '1');
    response.status(body.statusCode).json(body);
  }

  private toBody(exception: unknown): ErrorBody {
    if (exception instanceof DomainError) {
      const statusCode = statusOf(exception.kind);
      return { statusCode, error: reason(statusCode), code: exception.code, message: exception.message, details: exception.details };
    }
    if (exception instanceof HttpException) {
      const statusCode = exception.getStatus();
      const response = exception.getResponse();
      const message = typeof response === 'string' ? response : String((response as { message?: unknown }).message ?? exception.message);
      return { statusCode, error: reason(statusCode), code: CODE_BY_STATUS[statusCode] ?? `HTTP_${statusCode}`, message, details: [] };
    }
    if (isInfrastructureError(exception)) {
      return {
        statusCode: 503,
        error: reason(503),
        code: 'UNAVAILABLE',
        message: 'the service cannot reach its database or broker right now; retry shortly',
        details: [],
      };
    }
    return { statusCode: 500, error: reason(500), code: 'INTERNAL', message: 'an unexpected error occurred', details: [] };
  }
}

function reason(status: number): string {
  const name = HttpStatus[status];
  return name
    ? name
        .toLowerCase()
        .replace(/_/g, ' ')
        .replace(/^\w/, (c) => c.toUpperCase())
    : 'Error';
}

function isHealthReport(exception: unknown): exception is HttpException {
  if (!(exception instanceof HttpException)) return false;
  const body = exception.getResponse() as { status?: unknown; details?: unknown };
  return typeof body === 'object' && body !== null && body.status === 'error' && typeof body.details === 'object';
}
