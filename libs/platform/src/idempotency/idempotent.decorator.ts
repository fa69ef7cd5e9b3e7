import { applyDecorators, CallHandler, ExecutionContext, NestInterceptor, UseInterceptors } from '@nestjs/common';
import { Observable } from 'rxjs';
import { ApiIdempotencyKey } from '../openapi/api-idempotency-key.decorator';
import { IdempotentRequest } from './idempotency';
import { currentIdempotentExchange } from './idempotent-exchange';

export interface IdempotentOptions {
  /**
   * Which identity of the caller a key is scoped to: the display `username` (intake, test-run,
   * results) or the unique `actorId` (purchase-option). Keys already stored were scoped this way,
   * so a retry across a deploy still finds its first answer.
   */
  actor?: 'username' | 'actorId';
}

/** The parts of an Express request an idempotent route reads. */
export interface IdempotentHttpRequest {
  method: string;
  /** The path without the query, as the client sent it. */
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body?: unknown;
  user?: { username: string; actorId: string };
}

/**
 * What a retry of this request must match: its Idempotency-Key, the scope `<METHOD> <path> <actor>`
 * (e.g. `POST /v1/racks/RK-001/hold alice`, the path decoded as route params are) and its body.
 * `undefined` when the request carries no key: the work then simply runs.
 */
export function idempotentRequestOf(request: IdempotentHttpRequest, options: IdempotentOptions = {}): IdempotentRequest | undefined {
  const header = request.headers['idempotency-key'];
  const key = Array.isArray(header) ? header[0] : header;
  if (key === undefined) return undefined;
  const actor = options.actor === 'actorId' ? request.user?.actorId : request.user?.username;
  return { key, scope: `${request.method.toUpperCase()} ${routePath(request.path)} ${actor ?? ''}`, body: request.body ?? {} };
}

function routePath(path: string): string {
  const trimmed = path.length > 1 ? path.replace(/\/+$/, '') : path;
  return trimmed
    .split('/')
    .map((segment) => {
      try {
        return decodeURIComponent(segment);
      } catch {
        return segment;
      }
    })
    .join('/');
}

class IdempotentRouteInterceptor implements NestInterceptor {
  constructor(private readonly options: IdempotentOptions) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const exchange = currentIdempotentExchange();
    if (exchange) exchange.retry = idempotentRequestOf(context.switchToHttp().getRequest<IdempotentHttpRequest>(), this.options) ?? null;
    return next.handle();
  }
}

/**
 * A POST a client may retry with an `Idempotency-Key`: the service wraps its work in
 * `unitOfWork.runOnce(...)`, and a retry with the same key and body gets the first answer (status,
 * headers, body, `Idempotent-Replayed: true`). Documents the header in OpenAPI.
 */
export const Idempotent = (options: IdempotentOptions = {}): MethodDecorator =>
  applyDecorators(UseInterceptors(new IdempotentRouteInterceptor(options)), ApiIdempotencyKey());
