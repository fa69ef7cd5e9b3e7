import { AsyncLocalStorage } from 'node:async_hooks';
import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { Observable, tap } from 'rxjs';

/** The header a replayed answer carries, so a client can tell a retry's answer from a fresh one. */
export const IDEMPOTENT_REPLAYED_HEADER = 'Idempotent-Replayed';

/** What one HTTP request answers: the route's status unless the work chose another, or a replay's stored one. */
export interface IdempotentExchange {
  /** The route's status (its `@HttpCode`, or 201 for a POST), as Nest set it before the handler ran. */
  readonly routeStatus: number;
  /** Set by `onceForKey`: the status and headers to send (stored on the first answer, read back on a replay). */
  answer?: { status: number; headers: Record<string, string>; replayed: boolean };
  /**
   * Set on an `@Idempotent()` route: what a retry must match (`null` when the request carries no
   * Idempotency-Key). Left unset on other routes, so `UnitOfWork.runOnce` there is a mistake it names.
   */
  retry?: { key: string; scope: string; body: unknown } | null;
}

const exchanges = new AsyncLocalStorage<IdempotentExchange>();

/** The current HTTP request's exchange (none outside HTTP, e.g. in a consumer). */
export function currentIdempotentExchange(): IdempotentExchange | undefined {
  return exchanges.getStore();
}

interface ResponseLike {
  statusCode: number;
  status(code: number): unknown;
  setHeader(name: string, value: string): unknown;
}

/**
 * Sends the status and headers `onceForKey` decided: on a replay the first answer's (with
 * `Idempotent-Replayed: true`), on a first answer the one the work chose. Keeps HTTP out of services.
 */
@Injectable()
export class IdempotentExchangeInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const response = context.switchToHttp().getResponse<ResponseLike>();
    const exchange: IdempotentExchange = { routeStatus: response.statusCode };
    return new Observable((subscriber) =>
      exchanges.run(exchange, () =>
        next
          .handle()
          .pipe(tap(() => applyAnswer(exchange, response)))
          .subscribe(subscriber),
      ),
    );
  }
}

function applyAnswer(exchange: IdempotentExchange, response: ResponseLike): void {
  const answer = exchange.answer;
  if (!answer) return;
  response.status(answer.status);
  for (const [name, value] of Object.entries(answer.headers)) response.setHeader(name, value);
  if (answer.replayed) response.setHeader(IDEMPOTENT_REPLAYED_HEADER, 'true');
}
