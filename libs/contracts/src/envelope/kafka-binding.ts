import { CLOUD_EVENT_SPEC_VERSION, CloudEvent } from './cloud-event';

/** A Kafka record in CloudEvents binary mode: attributes as `ce_*` headers, data as the value. */
export interface KafkaRecord {
  key: string;
  value: string;
  headers: Record<string, string>;
}

type RawHeaders = Record<string, Buffer | string | (Buffer | string)[] | undefined>;

const REQUIRED = ['specversion', 'id', 'source', 'type', 'time', 'subject'] as const;

export class EnvelopeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EnvelopeError';
  }
}

export function toKafkaRecord(event: CloudEvent): KafkaRecord {
  const headers: Record<string, string> = {
    ce_specversion: event.specversion,
    ce_id: event.id,
    ce_source: event.source,
    ce_type: event.type,
    ce_time: event.time,
    ce_subject: event.subject,
    ce_correlationid: event.correlationid,
    'content-type': event.datacontenttype,
  };
  if (event.causationid) headers.ce_causationid = event.causationid;
  return { key: event.subject, value: JSON.stringify(event.data), headers };
}

/** Reads a binary-mode record back into an envelope; `data` is parsed JSON, not yet validated. */
export function fromKafkaRecord(record: {
  value: Buffer | string | null;
  headers?: RawHeaders | Record<string, unknown>;
}): CloudEvent<unknown> {
  const header = (name: string): string | undefined => {
    const raw = (record.headers as RawHeaders | undefined)?.[name];
    const first = Array.isArray(raw) ? raw[0] : raw;
    return first === undefined || first === null ? undefined : first.toString();
  };
  const missing = REQUIRED.filter((attr) => !header(`ce_${attr}`));
  if (missing.length) throw new EnvelopeError(`missing CloudEvents header(s): ${missing.map((m) => `ce_${m}`).join(', ')}`);
  if (header('ce_specversion') !== CLOUD_EVENT_SPEC_VERSION) {
    throw new EnvelopeError(`unsupported ce_specversion ${header('ce_specversion')}`);
  }
  let data: unknown;
  try {
    data = record.value === null ? null : JSON.parse(record.value.toString());
  } catch (error) {
    throw new EnvelopeError(`event data is not JSON: ${(error as Error).message}`);
  }
  return {
    specversion: CLOUD_EVENT_SPEC_VERSION,
    id: header('ce_id')!,
    source: header('ce_source')!,
    type: header('ce_type')!,
    time: header('ce_time')!,
    subject: header('ce_subject')!,
    datacontenttype: 'application/json',
    correlationid: header('ce_correlationid') ?? header('ce_id')!,
    causationid: header('ce_causationid'),
    data,
  };
}
