import { Injectable } from '@nestjs/common';
import { CloudEvent, EventDefinition } from '@rackeval/contracts';
import { DataSource, EntityManager } from 'typeorm';
import { EventFactory } from './event-factory';
import { OutboxRelay } from './outbox-relay';
import { OutboxRepository, PendingEvent } from './outbox.repository';
import { activeTraceHeaders } from '../tracing/trace-propagation';

/** A database transaction that can also record events; they are published only if it commits. */
export interface Transaction {
  readonly manager: EntityManager;
  publish<T extends object>(definition: EventDefinition<T>, data: T): CloudEvent<T>;
}

/**
 * Runs a state change and the events it causes in one PostgreSQL transaction (the transactional
 * outbox). Kafka is never called inside the transaction: the relay publishes after commit.
 */
@Injectable()
export class UnitOfWork {
  constructor(
    private readonly dataSource: DataSource,
    private readonly events: EventFactory,
    private readonly relay: OutboxRelay,
  ) {}

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
    return result;
  }
}
