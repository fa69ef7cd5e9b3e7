import { Inject, Injectable, Optional } from '@nestjs/common';
import { CloudEvent, EventDefinition } from '@rackeval/contracts';
import { DataSource, EntityManager } from 'typeorm';
import { EventFactory } from './event-factory';
import { OutboxRelay } from './outbox-relay';
import { OutboxRepository, PendingEvent } from './outbox.repository';
import { eventArrivals } from '../arrivals/event-arrivals';
import { activeTraceHeaders } from '../tracing/trace-propagation';

/** A database transaction that can also record events; they are published only if it commits. */
export interface Transaction {
  readonly manager: EntityManager;
  publish<T extends object>(definition: EventDefinition<T>, data: T): CloudEvent<T>;
}

/**
 * Makes `work` a no-op when the request it serves is a retry of one already answered, in the same
 * transaction (the HTTP edge supplies it: `@Idempotent()` routes of `@rackeval/platform`).
 */
export type OnceGuard = <R>(tx: Transaction, work: () => Promise<R>) => Promise<R>;
export const ONCE_GUARD = Symbol('ONCE_GUARD');

/**
 * Runs a state change and the events it causes in one PostgreSQL transaction (the transactional
 * outbox). Kafka is never called inside the transaction: the relay publishes after commit. Once it
 * has committed, the events are also announced to requests waiting in this process on what they
 * name (a long poll on an option that a finance decision here has just changed answers at once).
 */
@Injectable()
export class UnitOfWork {
  constructor(
    private readonly dataSource: DataSource,
    private readonly events: EventFactory,
    private readonly relay: OutboxRelay,
    @Optional() @Inject(ONCE_GUARD) private readonly once?: OnceGuard | null,
  ) {}

  /** `run`, applied once per request: a retry with the same Idempotency-Key gets the first answer back. */
  runOnce<R>(work: (tx: Transaction) => Promise<R>): Promise<R> {
    const once = this.once;
    if (!once) throw new Error('UnitOfWork.runOnce needs the idempotency guard that ServiceModule (@rackeval/platform) provides');
    return this.run((tx) => once(tx, () => work(tx)));
  }

  async run<R>(work: (tx: Transaction) => Promise<R>): Promise<R> {
    const pending: PendingEvent[] = [];
    const result = await this.dataSource.transaction(async (manager) => {
      const tx: Transaction = {
        manager,
        publish: (definition, data) => {
          const event = this.events.create(definition, data);
          pending.push({ event, topic: definition.topic, trace: activeTraceHeaders() });
          return event;
        },
      };
      const value = await work(tx);
      await OutboxRepository.append(manager, pending);
      return value;
    });
    if (pending.length) this.relay.wake();
    for (const { event } of pending) eventArrivals.applied(event);
    return result;
  }
}
