import { RackevalSystem, SERVICES, type ServiceName } from '@rackeval/testing';

/** What one service's consumer had done by the time of a reading: batches fetched, records in them, events by outcome. */
interface ConsumerReading {
  batches: number;
  records: number;
  events: Record<string, number>;
}

/** Per service, between two readings: partition batches handled, their mean size, and events consumed per rack by outcome. */
export interface ConsumerFigures {
  batches: number;
  meanRecordsPerBatch: number;
  eventsPerRack: Record<string, number>;
}

/** Reads each service's consumer counters from its `/metrics` (first instance). */
export async function readConsumers(system: RackevalSystem): Promise<Record<ServiceName, ConsumerReading>> {
  const readings = await Promise.all(
    SERVICES.map(async (service) => {
      const text = await (await fetch(`${system.url(service)}/metrics`)).text();
      return [service, parseReading(text)] as const;
    }),
  );
  return Object.fromEntries(readings) as Record<ServiceName, ConsumerReading>;
}

/** The difference between two readings, events per rack rounded to two places. */
export function consumerFigures(
  before: Record<ServiceName, ConsumerReading>,
  after: Record<ServiceName, ConsumerReading>,
  racks: number,
): Record<ServiceName, ConsumerFigures> {
  const figures = SERVICES.map((service) => {
    const [b, a] = [before[service], after[service]];
    const batches = a.batches - b.batches;
    const outcomes = [...new Set([...Object.keys(a.events), ...Object.keys(b.events)])].sort();
    return [
      service,
      {
        batches,
        meanRecordsPerBatch: batches ? Math.round(((a.records - b.records) / batches) * 100) / 100 : 0,
        eventsPerRack: Object.fromEntries(
          outcomes.map((outcome) => [outcome, Math.round((((a.events[outcome] ?? 0) - (b.events[outcome] ?? 0)) / racks) * 100) / 100]),
        ),
      },
    ] as const;
  });
  return Object.fromEntries(figures) as Record<ServiceName, ConsumerFigures>;
}

/** Sums the batch histogram over topics and the consumed-events counter by outcome, from Prometheus text. */
function parseReading(text: string): ConsumerReading {
  const reading: ConsumerReading = { batches: 0, records: 0, events: {} };
  for (const line of text.split('\n')) {
    const sample = /^(\w+)(?:\{([^}]*)\})? (\S+)$/.exec(line);
    if (!sample) continue;
    const [, name, labels = '', raw] = sample;
    const value = Number(raw);
    if (name === 'rackeval_consumer_batch_records_count') reading.batches += value;
    else if (name === 'rackeval_consumer_batch_records_sum') reading.records += value;
    else if (name === 'rackeval_events_consumed_total') {
      const outcome = /outcome="([^"]*)"/.exec(labels)?.[1] ?? 'unknown';
      reading.events[outcome] = (reading.events[outcome] ?? 0) + value;
    }
  }
  return reading;
}

/** Applied events of one type at a reading: how many, and their delivery and apply times summed (seconds). */
interface EventTimes {
  count: number;
  deliverySeconds: number;
  applySeconds: number;
}

/** One service's inbox timings per event type, from the `rackeval_event_delivery_seconds` and `rackeval_event_apply_seconds` histograms of its `/metrics` (first instance). */
export async function readEventTimes(system: RackevalSystem, service: ServiceName): Promise<Map<string, EventTimes>> {
  const text = await (await fetch(`${system.url(service)}/metrics`)).text();
  const times = new Map<string, EventTimes>();
  for (const line of text.split('\n')) {
    const sample = /^(rackeval_event_(?:delivery|apply)_seconds_(?:sum|count))\{[^}]*type="([^"]*)"[^}]*\} (\S+)$/.exec(line);
    if (!sample) continue;
    const [, name, type, raw] = sample;
    const entry = times.get(type) ?? { count: 0, deliverySeconds: 0, applySeconds: 0 };
    if (name === 'rackeval_event_apply_seconds_count') entry.count = Number(raw);
    else if (name === 'rackeval_event_delivery_seconds_sum') entry.deliverySeconds = Number(raw);
    else if (name === 'rackeval_event_apply_seconds_sum') entry.applySeconds = Number(raw);
    times.set(type, entry);
  }
  return times;
}

/** Mean delivery and apply time (ms) of the events of `type` applied between two readings; undefined when none were. */
export function meanEventTimes(
  before: Map<string, EventTimes>,
  after: Map<string, EventTimes>,
  type: string,
): { events: number; deliveryMs: number; applyMs: number } | undefined {
  const [b, a] = [before.get(type) ?? { count: 0, deliverySeconds: 0, applySeconds: 0 }, after.get(type)];
  const events = (a?.count ?? 0) - b.count;
  if (!a || events <= 0) return undefined;
  const ms = (seconds: number) => Math.round((seconds / events) * 10_000) / 10;
  return { events, deliveryMs: ms(a.deliverySeconds - b.deliverySeconds), applyMs: ms(a.applySeconds - b.applySeconds) };
}
