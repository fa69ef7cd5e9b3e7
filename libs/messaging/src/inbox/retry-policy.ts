import { ContractViolationError, EnvelopeError } from '@rackeval/contracts';
import { UnprocessableEventError } from './event-handler';
import { classifyFailure } from './failure-classification';

/** Decides whether a failed event is tried again, and after how long. */
export interface RetryPolicy {
  /** Milliseconds to wait before the next attempt, or undefined to give up (dead-letter). */
  nextDelay(error: unknown, attemptsSoFar: number): number | undefined;
}

const PERMANENT = [ContractViolationError, EnvelopeError, UnprocessableEventError];

/**
 * Exponential backoff with jitter.
 * - malformed or unprocessable events give up at once (dead letter);
 * - infrastructure failures (database or broker away, serialization failures, timeouts) are
 *   retried for as long as they last: they say nothing about the event;
 * - any other failure is retried `maxAttempts` times, then given up.
 */
export class ExponentialBackoff implements RetryPolicy {
  constructor(
    private readonly maxAttempts: number,
    private readonly baseMs: number,
    private readonly capMs = 5_000,
  ) {}

  nextDelay(error: unknown, attemptsSoFar: number): number | undefined {
    if (PERMANENT.some((type) => error instanceof type)) return undefined;
    if (classifyFailure(error) === 'event' && attemptsSoFar >= this.maxAttempts) return undefined;
    const exponential = Math.min(this.capMs, this.baseMs * 2 ** Math.min(attemptsSoFar - 1, 30));
    return Math.round(exponential / 2 + Math.random() * (exponential / 2));
  }
}

export const RETRY_POLICY = Symbol('RETRY_POLICY');
