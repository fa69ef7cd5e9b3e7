import { Inject, Injectable } from '@nestjs/common';
import { CloudEvent, EventDefinition, validatePayload } from '@rackeval/contracts';
import { randomUUID } from 'node:crypto';
import { contextOrNew } from '../context/message-context';
import { MESSAGING_SETTINGS, MessagingSettings } from '../messaging.settings';

/** Builds valid CloudEvents: the payload is checked against its contract before it can be written. */
@Injectable()
export class EventFactory {
  constructor(@Inject(MESSAGING_SETTINGS) private readonly settings: MessagingSettings) {}

  create<T extends object>(definition: EventDefinition<T>, data: T, now = new Date()): CloudEvent<T> {
    const payload = validatePayload(definition, data, 'produce');
    const context = contextOrNew();
    return {
      specversion: '1.0',
      id: randomUUID(),
      source: `rackeval/${this.settings.serviceName}`,
      type: definition.type,
      time: now.toISOString(),
      subject: definition.subjectOf(payload),
      datacontenttype: 'application/json',
      correlationid: context.correlationId,
      causationid: context.causationId,
      data: payload,
    };
  }
}
