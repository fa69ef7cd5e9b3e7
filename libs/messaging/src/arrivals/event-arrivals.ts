import type { CloudEvent } from '@rackeval/contracts';

type Waiter = () => void;

/** A request listening for an event about one name (see `EventArrivals.listen`). */
export interface Arrival {
  /** Resolves once an event has been applied since listening began, or after `ms` at the latest; listening ends either way. */
  wait(ms: number): Promise<void>;
  /** Ends listening without waiting (the request has its answer). */
  stop(): void;
}

/**
 * Tells requests waiting in this process that an event has just been applied (its transaction
 * committed). A request that needs a fact this service learns from another's event — the rack test-run
 * must know before it schedules a run, the run results must know before it takes measurements —
 * can wait for it here instead of the client retrying (see `@AwaitsEvent` in the platform).
 *
 * An event is announced under the names it is about: its subject (the partition key, a rack's
 * serial) and the run, option or rack its data names. One process is one service, so this is a
 * single registry per process; a fact applied by another instance of the service is not announced
 * here, which is why a waiter also looks again on its own after a short while.
 */
export class EventArrivals {
  private readonly waiters = new Map<string, Set<Waiter>>();

  /** Wakes every request waiting on one of the names this event is about. */
  applied(event: Pick<CloudEvent<unknown>, 'subject' | 'data'>): void {
    if (!this.waiters.size) return;
    for (const name of namesOf(event)) {
      const waiting = this.waiters.get(name);
      if (!waiting) continue;
      this.waiters.delete(name);
      for (const wake of waiting) wake();
    }
  }

  /** Resolves when an event about `name` is applied here, or after `ms` at the latest. */
  next(name: string, ms: number): Promise<void> {
    return this.listen(name).wait(ms);
  }

  /**
   * Starts listening for an event about `name` before a request looks at its answer: an event
   * applied while it looks is kept, so `wait` then resolves at once. Listening only once the look
   * had found nothing new missed such an event, and the request slept until its next look on its
   * own (250 ms later) with the answer already there.
   */
  listen(name: string): Arrival {
    let arrived = false;
    let wakeWaiter: (() => void) | undefined;
    const waiting = this.waiters.get(name) ?? new Set<Waiter>();
    const stop = () => {
      waiting.delete(heard);
      if (!waiting.size && this.waiters.get(name) === waiting) this.waiters.delete(name);
    };
    const heard = () => {
      arrived = true;
      stop();
      wakeWaiter?.();
    };
    waiting.add(heard);
    this.waiters.set(name, waiting);
    return {
      wait: (ms) =>
        new Promise<void>((resolve) => {
          if (arrived) return resolve();
          const timer = setTimeout(() => {
            stop();
            resolve();
          }, ms);
          wakeWaiter = () => {
            clearTimeout(timer);
            resolve();
          };
        }),
      stop,
    };
  }

  /** How many requests are waiting (for metrics and tests). */
  get waiting(): number {
    let count = 0;
    for (const set of this.waiters.values()) count += set.size;
    return count;
  }
}

/** The names an event is announced under: its subject and the run id and rack serial its data carries. */
export function namesOf(event: Pick<CloudEvent<unknown>, 'subject' | 'data'>): string[] {
  const data = (event.data ?? {}) as Record<string, unknown>;
  const names = new Set<string>([event.subject]);
  for (const field of ['runId', 'rackSerial'] as const) if (typeof data[field] === 'string') names.add(data[field]);
  return [...names];
}

/** The process's one registry: the inbox announces to it, waiting routes listen to it. */
export const eventArrivals = new EventArrivals();
