import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import { ErrorResponse } from './error-response.view';

/** What each 4xx means across rackeval (docs/DESIGN.md, HTTP). */
const MEANING: Record<number, string> = {
  400: 'bad input: the details name each field or line at fault',
  401: 'no valid bearer token',
  403: 'the token lacks a role this route needs',
  404: 'unknown resource',
  409: 'illegal transition or conflict (optimistic locking, duplicate)',
  413: 'body too large',
  415: 'unsupported media type',
  422: 'a rule of the domain refuses it',
  503: 'the database or broker is unavailable; retry (same Idempotency-Key)',
};

export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 503;

/**
 * The error answers of a route, each with the one error shape: `@ApiErrors(400, 404, 409)`.
 * 401 and 403 are added for every route that needs a token (`@ApiErrors.authenticated` on the controller).
 */
export function ApiErrors(...statuses: ErrorStatus[]): MethodDecorator & ClassDecorator {
  return applyDecorators(...statuses.map((status) => ApiResponse({ status, description: MEANING[status], type: ErrorResponse })));
}
