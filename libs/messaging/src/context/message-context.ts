import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

/** Who and what caused the work in progress; flows from an HTTP request into every event it causes. */
export interface MessageContext {
  correlationId: string;
  /** The request or event id that directly caused the current work. */
  causationId?: string;
  actor?: string;
}

const storage = new AsyncLocalStorage<MessageContext>();

export function runWithContext<T>(context: MessageContext, work: () => T): T {
  return storage.run(context, work);
}

export function currentContext(): MessageContext | undefined {
  return storage.getStore();
}

/** The current context, or a fresh correlation id for work no request started (a scheduled rule, say). */
export function contextOrNew(): MessageContext {
  return storage.getStore() ?? { correlationId: randomUUID() };
}
