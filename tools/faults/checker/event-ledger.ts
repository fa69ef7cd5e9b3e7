import { OwnPostgres } from '../infra/own-postgres';
import { schemaOf, SERVICE_NAMES } from '../system/fault-system';
import { ServiceName } from '../system/service-instance';
import { CONSUMES, ONCE_PER_KEY, OPTION_ENDS } from './consumption';

export interface OutboxRow {
  producer: ServiceName;
  seq: number;
  event_id: string;
  event_type: string;
  topic: string;
  partition_key: string;
  created_at: Date;
  published_at: Date | null;
}

interface InboxRow {
  event_id: string;
  processed_at: Date;
  kafka_offset: string;
}

export interface LedgerFindings {
  outbox: OutboxRow[];
  /** `<consumer> <event id>` of every committed event a consumer that handles it never applied. */
  notApplied: string[];
  duplicated: string[];
  /** A later event of a key applied before an earlier one, or applied while an earlier one never was. */
  reordered: string[];
}

/**
 * Jepsen's Kafka checker, on the transactional outbox and inbox: every committed outbox row is the
 * producer's acknowledged write; each consumer that handles its type must record it in its inbox,
 * once, in the producer's order per key. Read as the cluster's superuser, read-only.
 */
export async function readLedger(pg: OwnPostgres, database: string, prefix: string): Promise<LedgerFindings> {
  const outbox: OutboxRow[] = [];
  for (const producer of SERVICE_NAMES) {
    const rows = await pg.query<OutboxRow>(
      database,
      `SELECT seq::int AS seq, event_id, event_type, topic, partition_key, created_at, published_at FROM ${schemaOf(producer)}.outbox_message ORDER BY seq`,
    );
    outbox.push(...rows.map((row) => ({ ...row, producer })));
  }
  const findings: LedgerFindings = { outbox, notApplied: [], duplicated: [], reordered: [] };

  const once = new Map<string, number>();
  for (const row of outbox) {
    if (!ONCE_PER_KEY.includes(row.event_type)) continue;
    const key = `${row.event_type} ${row.partition_key}`;
    once.set(key, (once.get(key) ?? 0) + 1);
    if (once.get(key)! > 1) findings.duplicated.push(`outbox ${key} written ${once.get(key)} times`);
  }

  // An option ends exactly once, whichever way: exercised, declined or lapsed.
  const ends = new Map<string, string[]>();
  for (const row of outbox.filter((candidate) => OPTION_ENDS.includes(candidate.event_type))) {
    ends.set(row.partition_key, [...(ends.get(row.partition_key) ?? []), row.event_type.split('.').at(-2)!]);
  }
  for (const [key, how] of ends)
    if (new Set(how).size > 1) findings.duplicated.push(`option ${key} ended ${how.length} times: ${how.join(', ')}`);

  for (const consumer of SERVICE_NAMES) {
    const inbox = await pg.query<InboxRow>(
      database,
      `SELECT event_id, processed_at, kafka_offset::text FROM ${schemaOf(consumer)}.inbox_event`,
    );
    const applied = new Map(inbox.map((row) => [row.event_id, row]));
    for (const [topic, types] of Object.entries(CONSUMES[consumer])) {
      const expected = outbox.filter((row) => row.topic === `${prefix}${topic}` && types.includes(row.event_type));
      for (const row of expected)
        if (!applied.has(row.event_id)) findings.notApplied.push(`${consumer} ${row.event_id} (${row.event_type} ${row.partition_key})`);
      findings.reordered.push(...orderFindings(consumer, expected, applied));
    }
  }
  return findings;
}

function orderFindings(consumer: ServiceName, expected: OutboxRow[], applied: Map<string, InboxRow>): string[] {
  const findings: string[] = [];
  const byKey = new Map<string, OutboxRow[]>();
  for (const row of expected) byKey.set(row.partition_key, [...(byKey.get(row.partition_key) ?? []), row]);
  for (const [key, rows] of byKey) {
    // The producer's order is its outbox sequence; the consumer's is when each was applied.
    let missing: OutboxRow | undefined;
    for (let i = 0; i < rows.length; i++) {
      const here = applied.get(rows[i].event_id);
      if (!here) {
        missing ??= rows[i];
        continue;
      }
      if (missing) {
        findings.push(`${consumer} key ${key}: gap, ${rows[i].event_type} applied without ${missing.event_type}`);
        missing = undefined;
      }
      const previous = i > 0 ? applied.get(rows[i - 1].event_id) : undefined;
      if (previous && previous.processed_at.getTime() > here.processed_at.getTime()) {
        findings.push(`${consumer} key ${key}: ${rows[i].event_type} applied before ${rows[i - 1].event_type}`);
      }
    }
  }
  return findings;
}
