import { applyDecorators, CallHandler, ExecutionContext, NestInterceptor, UseInterceptors } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import { eventArrivals } from '@rackeval/messaging';
import { from, Observable, retry, throwError } from 'rxjs';
import { DomainError } from './domain-error';

/** The longest wait a client may ask for, in seconds. */
export const MAX_WAIT_SECONDS = 30;
/** How often a waiting request looks again on its own: the fact may come through another instance. */
export const LOOK_AGAIN_MS = 250;

export interface AwaitsEventOptions {
  /** The error codes that mean "this service has not learnt that yet" (e.g. `UNKNOWN_RUN`). */
  until: readonly string[];
  /** What the request waits to hear about: the rack serial or run id its events name. */
  about: (request: { params: Record<string, string>; body?: unknown }) => string | undefined;
}

/**
 * The seconds of an RFC 7240 `Prefer: wait=<seconds>` header, or undefined without one
 * (`Prefer: respond-async, wait=5` and `wait="5"` are read too).
 */
export function preferredWait(header: string | string[] | undefined): number | undefined {
  for (const value of Array.isArray(header) ? header : header === undefined ? [] : [header]) {
    for (const preference of value.split(',')) {
      const [name, raw] = preference
        .split(';')[0]
        .split('=')
        .map((part) => part.trim());
      if (name?.toLowerCase() !== 'wait' || raw === undefined) continue;
      const seconds = Number(raw.replace(/^"(.*)"$/, '$1'));
      if (Number.isFinite(seconds) && seconds >= 0) return seconds;
    }
  }
  return undefined;
}

/**
 * A step that needs a fact this service learns from another service's event (test-run must know the
 * rack was released before it schedules a run) answers at once with the code saying so. A client
 * that sends `Prefer: wait=<seconds>` asks the service to wait for the fact instead: the request is
 * tried again each time an event about its rack or run is applied here (and every 250 ms, for an
 * event another instance applied), until it succeeds, fails for another reason, or the wait is
 * over; the last answer is returned. `Preference-Applied: wait=<seconds>` says how long it could
 * wait (at most 30 s). Without the header nothing changes. A failed try wrote nothing: every try is
 * one transaction, rolled back on error, idempotency key included.
 */
export function AwaitsEvent(options: AwaitsEventOptions): MethodDecorator {
  return applyDecorators(
    UseInterceptors(new AwaitsEventInterceptor(options)),
    ApiHeader({
      name: 'prefer',
      required: false,
      description:
        `\`wait=<seconds>\` (RFC 7240): when this service has not yet learnt what the request depends on (${options.until.join(', ')}), ` +
        `wait up to that long (at most ${MAX_WAIT_SECONDS} s) for the event instead of answering at once; \`Preference-Applied\` echoes the wait`,
    }),
  );
}

export class AwaitsEventInterceptor implements NestInterceptor {
  constructor(private readonly options: AwaitsEventOptions) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const http = context.switchToHttp();
    const request = http.getRequest<{
      headers: Record<string, string | string[] | undefined>;
      params: Record<string, string>;
      body?: unknown;
    }>();
    const seconds = preferredWait(request.headers.prefer);
    if (seconds === undefined) return next.handle();
    const applied = Math.min(seconds, MAX_WAIT_SECONDS);
    http.getResponse<{ setHeader(name: string, value: string): void }>().setHeader('Preference-Applied', `wait=${applied}`);
    const deadline = Date.now() + applied * 1_000;
    const about = this.options.about(request);
    return next.handle().pipe(
      retry({
        delay: (error: unknown) => {
          const left = deadline - Date.now();
          const notYet = error instanceof DomainError && this.options.until.includes(error.code);
          if (!notYet || left <= 0 || about === undefined) return throwError(() => error);
          return from(eventArrivals.next(about, Math.min(left, LOOK_AGAIN_MS)));
        },
      }),
    );
  }
}
