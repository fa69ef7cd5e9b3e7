import { ContractViolationError, EnvelopeError } from '@rackeval/contracts';
import { UnprocessableEventError } from './event-handler';

/** Decides whether a failed event is tried again, and after how long. */
export interface RetryPolicy {
  /** Milliseconds to wait before the next attempt, or undefined to give up (dead-letter). */
  nextDelay(error: unknown, attemptsSoFar: number): number | undefined;
}

const PERMANENT = [ContractViolationError, EnvelopeError, UnprocessableEventError];

/** Exponential backoff with jitter for transient failures; malformed or unprocessable events give up at once. */
export class ExponentialBackoff implements RetryPolicy {
  constructor(
    private readonly maxAttempts: number,
    private readonly baseMs: number,
    private readonly capMs = 5_000,
  ) {}

  nextDelay(error: unknown, attemptsSoFar: number): number | undefined {
    if (PERMANENT.some((type) => error instanceof type)) return undefined;
    if (attemptsSoFar >= this.maxAttempts) return undefined;
    const exponential = Math.min(this.capMs, this.baseMs * 2 ** (attemptsSoFar - 1));
    return Math.round(exponential / 2 + Math.random() * (exponential / 2));
  }
}

export const RETRY_POLICY = Symbol('RETRY_POLICY');
