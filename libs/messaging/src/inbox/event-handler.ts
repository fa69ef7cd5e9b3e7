import { CloudEvent, EventDefinition } from '@rackeval/contracts';
import { Transaction } from '../outbox/unit-of-work';

export interface EventHandler<T extends object = object> {
  definition: EventDefinition<T>;
  apply: (event: CloudEvent<T>, tx: Transaction) => Promise<unknown>;
}

/** Pairs an event type with the one service call that applies it, keeping consumers one line per event. */
export function on<T extends object>(
  definition: EventDefinition<T>,
  apply: (event: CloudEvent<T>, tx: Transaction) => Promise<unknown>,
): EventHandler {
  return { definition, apply } as unknown as EventHandler;
}

/**
 * Thrown by a handler for an event that can never be applied (it contradicts the read model, say).
 * Goes to the dead-letter topic at once instead of being retried.
 */
export class UnprocessableEventError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnprocessableEventError';
  }
}
