import { CLOUD_EVENT_SPEC_VERSION, type CloudEvent } from '../src/envelope/cloud-event';
import { toKafkaRecord } from '../src/envelope/kafka-binding';
import { JsonSchema } from './json-schema';

const DESCRIPTIONS: Record<string, JsonSchema> = {
  ce_specversion: { type: 'string', const: CLOUD_EVENT_SPEC_VERSION, description: 'CloudEvents specification version.' },
  ce_id: { type: 'string', description: 'Unique event id; consumers record it to apply each event once.' },
  ce_source: { type: 'string', pattern: '^rackeval/[a-z-]+$', description: 'The producing service, as rackeval/<service>.' },
  ce_type: { type: 'string', description: 'Versioned event type, rackeval.<service>.<aggregate>.<fact>.v<n>.' },
  ce_time: { type: 'string', format: 'date-time', description: 'UTC instant at which the fact happened.' },
  ce_subject: { type: 'string', description: 'The aggregate the event is about; equal to the Kafka key.' },
  ce_correlationid: { type: 'string', description: 'Shared by every event one user action or rule firing caused.' },
  ce_causationid: { type: 'string', description: 'Id of the request or event that directly caused this one.' },
  'content-type': { type: 'string', const: 'application/json', description: 'Media type of the record value.' },
};

const sample = (causationid?: string): CloudEvent => ({
  specversion: CLOUD_EVENT_SPEC_VERSION,
  id: 'id',
  source: 'rackeval/sample',
  type: 'rackeval.sample.sample.sampled.v1',
  time: '2026-01-01T00:00:00.000Z',
  subject: 'subject',
  datacontenttype: 'application/json',
  correlationid: 'correlation',
  causationid,
  data: {},
});

/**
 * Schema of the `ce_*` headers, read off what `toKafkaRecord` actually writes so the document
 * follows the binding: a header added there without a description here fails generation.
 */
export function cloudEventHeadersSchema(): JsonSchema {
  const always = Object.keys(toKafkaRecord(sample()).headers);
  const all = Object.keys(toKafkaRecord(sample('cause')).headers).sort();
  const undescribed = all.filter((name) => !DESCRIPTIONS[name]);
  if (undescribed.length) throw new Error(`describe Kafka header(s) ${undescribed.join(', ')} in cloud-event-headers.ts`);
  return {
    type: 'object',
    description: 'CloudEvents 1.0 attributes in Kafka binary mode; the record value is the event data.',
    properties: Object.fromEntries(all.map((name) => [name, DESCRIPTIONS[name]])),
    required: [...always].sort(),
  };
}
