import { applyDecorators, CallHandler, ExecutionContext, NestInterceptor, UseInterceptors } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import { createHash } from 'node:crypto';
import { type Arrival, eventArrivals } from '@rackeval/messaging';
import { catchError, defer, finalize, from, map, Observable, retry, throwError } from 'rxjs';
import { DomainError } from './domain-error';

/** The longest wait a client may ask for, in seconds. */
export const MAX_WAIT_SECONDS = 30;
/** How often a waiting request looks again on its own: the fact may come through another instance. */
export const LOOK_AGAIN_MS = 250;

export interface AwaitsEventOptions {
  /**
   * The error codes that mean "this service has not learnt that yet" (e.g. `UNKNOWN_RUN`); an error
   * of one of them marked `final` (no event can change it) is answered at once all the same.
   */
  until: readonly string[];
  /** What the request waits to hear about: the rack serial or run id its events name. */
  about: (request: { params: Record<string, string>; body?: unknown }) => string | undefined;
  /**
   * A read whose answer changes as events arrive (an option's state): it carries an ETag, and a
   * request with `If-None-Match` and `Prefer: wait` is answered when the representation differs
   * from that ETag, or with 304 Not Modified when the wait is over.
   */
  changes?: boolean;
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
 * tried again each time an event about its rack or run is applied here, while it looked or after
 * (and every 250 ms, for an event another instance applied), until it succeeds, fails for another reason, or the wait is
 * over; the last answer is returned. `Preference-Applied: wait=<seconds>` says how long it could
 * wait (at most 30 s). Without the header nothing changes. A failed try wrote nothing: every try is
 * one transaction, rolled back on error, idempotency key included.
 */
export function AwaitsEvent(options: AwaitsEventOptions): MethodDecorator {
  const waits =
    `\`wait=<seconds>\` (RFC 7240): when this service has not yet learnt what the request depends on (${options.until.join(', ')})` +
    (options.changes ? ', or the answer still has the ETag sent in `If-None-Match`' : '') +
    `, wait up to that long (at most ${MAX_WAIT_SECONDS} s) for the event instead of answering at once; \`Preference-Applied\` echoes the wait`;
  return applyDecorators(
    UseInterceptors(new AwaitsEventInterceptor(options)),
    ApiHeader({ name: 'prefer', required: false, description: waits }),
    ...(options.changes
      ? [
          ApiHeader({
            name: 'if-none-match',
            required: false,
            description:
              'The ETag of the answer the client holds: 304 Not Modified while it is still the same (with `Prefer: wait`, once the wait is over)',
          }),
        ]
      : []),
  );
}

/** The answer has not changed yet; the request waits for an event (never leaves the interceptor). */
class Unchanged extends Error {}

/** A weak ETag of a JSON answer: the same data gives the same tag, whatever the request. */
export function etagOf(body: unknown): string {
  return `W/"${createHash('sha1')
    .update(JSON.stringify(body) ?? '')
    .digest('base64url')}"`;
}

/** Whether an `If-None-Match` header names this ETag (weak comparison, as for GET). */
export function matches(ifNoneMatch: string | string[] | undefined, etag: string): boolean {
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  const listed = (Array.isArray(ifNoneMatch) ? ifNoneMatch.join(',') : (ifNoneMatch ?? '')).split(',');
  return listed.some((tag) => tag.trim() === '*' || opaque(tag) === opaque(etag));
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
    const response = http.getResponse<{ setHeader(name: string, value: string): void }>();
    const seconds = preferredWait(request.headers.prefer);
    const held = request.headers['if-none-match'];
    // The ETag goes on every answer of a changing read; Express answers 304 when it matches If-None-Match.
    const tagged = (body: unknown) => {
      if (this.options.changes) response.setHeader('ETag', etagOf(body));
      return body;
    };
    if (seconds === undefined) return next.handle().pipe(map(tagged));
    const applied = Math.min(seconds, MAX_WAIT_SECONDS);
    response.setHeader('Preference-Applied', `wait=${applied}`);
    const deadline = Date.now() + applied * 1_000;
    const about = this.options.about(request);
    const waiting = about !== undefined;
    // Each try listens from before it looks, so an event applied while it looks is not missed.
    let arrival: Arrival | undefined;
    return defer(() => {
      arrival?.stop();
      arrival = about === undefined ? undefined : eventArrivals.listen(about);
      return next.handle();
    }).pipe(
      map((body) => {
        const unchanged = this.options.changes && held !== undefined && matches(held, etagOf(body));
        if (unchanged && waiting && deadline > Date.now()) throw new Unchanged();
        return tagged(body);
      }),
      retry({
        delay: (error: unknown) => {
          const left = deadline - Date.now();
          const notYet =
            error instanceof Unchanged || (error instanceof DomainError && !error.final && this.options.until.includes(error.code));
          if (!notYet || left <= 0 || !arrival) return throwError(() => error);
          return from(arrival.wait(Math.min(left, LOOK_AGAIN_MS)));
        },
      }),
      finalize(() => arrival?.stop()),
      // Still unchanged when the wait ran out between a look and the next: answer as it is (304).
      catchError((error: unknown) => (error instanceof Unchanged ? next.handle().pipe(map(tagged)) : throwError(() => error))),
    );
  }
}
