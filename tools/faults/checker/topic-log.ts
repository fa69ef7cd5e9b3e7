import { OutboxRow } from './event-ledger';
import { TopicRecord } from './kafka-state';

/**
 * The producers' side of Jepsen's check, on the Kafka log itself: every outbox row the relay
 * marked published must be on its topic (else the broker lost an acknowledged write), and per key
 * the events must first appear in outbox order (else the relay reordered them). A re-sent record
 * that appears again later is a harmless duplicate: the inbox skips it.
 */
export function checkTopicLog(outbox: OutboxRow[], records: TopicRecord[]): { lost: string[]; reordered: string[] } {
  const lost: string[] = [];
  const reordered: string[] = [];
  const onTopic = new Set(records.map((record) => record.eventId));
  for (const row of outbox) {
    if (row.published_at && !onTopic.has(row.event_id))
      lost.push(`broker ${row.event_id} (${row.event_type} ${row.partition_key}) marked published, not on ${row.topic}`);
  }
  const seqOf = new Map(outbox.map((row) => [row.event_id, row]));
  const byKey = new Map<string, TopicRecord[]>();
  for (const record of records) {
    const id = `${record.topic} ${record.key}`;
    byKey.set(id, [...(byKey.get(id) ?? []), record]);
  }
  for (const [id, list] of byKey) {
    list.sort((a, b) => (a.offset < b.offset ? -1 : a.offset > b.offset ? 1 : 0));
    const seen = new Set<string>();
    let highest: OutboxRow | undefined;
    for (const record of list) {
      const row = record.eventId ? seqOf.get(record.eventId) : undefined;
      if (!row || seen.has(row.event_id)) continue;
      seen.add(row.event_id);
      if (highest && row.seq < highest.seq) reordered.push(`log ${id}: ${row.event_type} first appears after ${highest.event_type}`);
      if (!highest || row.seq > highest.seq) highest = row;
    }
  }
  return { lost, reordered };
}
