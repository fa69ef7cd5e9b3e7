import { RackState } from '@rackeval/contracts';
import { EntityManager } from 'typeorm';
import { column } from '../deliveries/delivery.repository';

export interface NewHistory {
  rackSerial: string;
  fromState: RackState | null;
  toState: RackState;
  actor: string;
  reason: string;
  occurredAt: Date;
  causeEventId: string | null;
  eventId: string | null;
}

/** Who moved a rack, when, from where to where, why, and which event caused it. Append-only. */
export const RackHistoryRepository = {
  async append(manager: EntityManager, entries: NewHistory[]) {
    if (!entries.length) return;
    await manager.query(
      `INSERT INTO rack_history (rack_serial, from_state, to_state, actor, reason, occurred_at, cause_event_id, event_id)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::timestamptz[], $7::text[], $8::text[])`,
      [
        column(entries, 'rackSerial'),
        column(entries, 'fromState'),
        column(entries, 'toState'),
        column(entries, 'actor'),
        column(entries, 'reason'),
        entries.map((entry) => entry.occurredAt.toISOString()),
        column(entries, 'causeEventId'),
        column(entries, 'eventId'),
      ],
    );
  },
};
