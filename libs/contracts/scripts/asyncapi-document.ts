import { EventDefinition, Topics, WEBHOOK_HEADERS, type WebhookDefinition } from '../src';
import { cloudEventHeadersSchema } from './cloud-event-headers';
import { ClassType, JsonSchema, nestedClassesOf, toJsonSchema } from './json-schema';

const HEADERS = 'CloudEventsKafkaHeaders';
const WEBHOOK_HEADERS_SCHEMA = 'RackevalWebhookHeaders';
const KAFKA_BINDING_VERSION = '0.5.0';
const HTTP_BINDING_VERSION = '0.3.0';

const schemaRef = (name: string): JsonSchema => ({ $ref: `#/components/schemas/${name}` });
const byKey = <T>(entries: Array<[string, T]>): Record<string, T> =>
  Object.fromEntries([...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));

/** `rackeval.<service>.<aggregate>.<fact>.v<n>` names the service that produces the event. */
export const producerOf = (definition: EventDefinition): string => definition.type.split('.')[1];

/**
 * The AsyncAPI 3.0.0 document of every registered event: one channel per topic, one message per
 * event type, one `send` operation per channel for the service that produces to it. Each webhook
 * adds an HTTP channel (its address is configuration), its message and a `send` operation (POST).
 */
export function buildAsyncApiDocument(
  registry: ReadonlyMap<string, EventDefinition>,
  version: string,
  webhooks: readonly WebhookDefinition[] = [],
): Record<string, unknown> {
  const definitions = [...registry.values()];
  const channelIds = new Map<string, string>(Object.entries(Topics).map(([id, topic]) => [topic, id]));
  const channels: Array<[string, object]> = [];
  const operations: Array<[string, object]> = [];

  for (const [topic, id] of channelIds) {
    const events = definitions.filter((definition) => definition.topic === topic).sort((a, b) => (a.type < b.type ? -1 : 1));
    if (!events.length) continue;
    const producers = [...new Set(events.map(producerOf))];
    if (producers.length > 1) throw new Error(`topic ${topic} has several producers (${producers.join(', ')}); expected one`);
    if (!topic.startsWith('rackeval.')) throw new Error(`topic ${topic} carries a prefix; run with KAFKA_TOPIC_PREFIX unset`);
    const messages = byKey(events.map((event) => [event.type, { $ref: `#/components/messages/${event.type}` }]));
    channels.push([
      id,
      { address: topic, title: topic, description: `Events produced by ${producers[0]}, keyed by their subject.`, messages },
    ]);
    operations.push([
      `send${id[0].toUpperCase()}${id.slice(1)}`,
      {
        action: 'send',
        channel: { $ref: `#/channels/${id}` },
        title: `${producers[0]} publishes to ${topic}`,
        summary: `Sent by the ${producers[0]} service through its transactional outbox, after the state change commits.`,
        messages: events.map((event) => ({ $ref: `#/channels/${id}/messages/${event.type}` })),
      },
    ]);
  }
  for (const webhook of webhooks) {
    if ([...channelIds.values()].includes(webhook.id)) throw new Error(`webhook ${webhook.id} clashes with a topic`);
    channels.push([
      webhook.id,
      {
        address: null,
        title: webhook.name,
        summary: webhook.summary,
        description: webhook.description,
        messages: { [webhook.name]: { $ref: `#/components/messages/${webhook.name}` } },
      },
    ]);
    operations.push([
      `send${webhook.id[0].toUpperCase()}${webhook.id.slice(1)}`,
      {
        action: 'send',
        channel: { $ref: `#/channels/${webhook.id}` },
        title: `${webhook.producer} POSTs ${webhook.name}`,
        summary: `Sent by the ${webhook.producer} service as a signed HTTP POST to the configured URL, retried until a 2xx answer or given up.`,
        bindings: { http: { method: 'POST', bindingVersion: HTTP_BINDING_VERSION } },
        messages: [{ $ref: `#/channels/${webhook.id}/messages/${webhook.name}` }],
      },
    ]);
  }
  const unrouted = definitions.filter((definition) => !channelIds.has(definition.topic));
  if (unrouted.length) throw new Error(`events on unknown topics: ${unrouted.map((d) => `${d.type} -> ${d.topic}`).join(', ')}`);

  return {
    asyncapi: '3.0.0',
    info: {
      title: 'rackeval events',
      version,
      description: [
        'Events exchanged by the rackeval services over Apache Kafka.',
        'Each record is a CloudEvents 1.0 event in Kafka binary mode: attributes travel as `ce_*` headers',
        '(plus `ce_correlationid` and `ce_causationid`), the record value is the JSON event data.',
        'Records are keyed by the event subject, the rack serial for rack events, so all events about one',
        'rack from one producer stay in order on one partition.',
        ...(webhooks.length
          ? ['Webhooks (HTTP channels) are signed POSTs a service sends to a URL an operator configures; see each channel.']
          : []),
      ].join('\n'),
    },
    defaultContentType: 'application/json',
    channels: byKey(channels),
    operations: byKey(operations),
    components: {
      schemas: byKey([
        [HEADERS, cloudEventHeadersSchema()],
        ...(webhooks.length ? [[WEBHOOK_HEADERS_SCHEMA, webhookHeadersSchema()] as [string, JsonSchema]] : []),
        ...payloadSchemas([...definitions.map((definition) => definition.payload), ...webhooks.map((webhook) => webhook.payload)]),
      ]),
      messages: byKey([
        ...definitions.map((definition): [string, object] => [definition.type, message(definition)]),
        ...webhooks.map((webhook): [string, object] => [webhook.name, webhookMessage(webhook)]),
      ]),
      correlationIds: {
        correlationId: {
          description: 'Shared by every event one user action or rule firing caused.',
          location: '$message.header#/ce_correlationid',
        },
      },
    },
  };
}

function message(definition: EventDefinition): object {
  const subject = subjectField(definition);
  const subjectSchema = toJsonSchema(definition.payload).properties?.[subject];
  if (!subjectSchema) throw new Error(`${definition.type}: subject field ${subject} is not a validated payload property`);
  return {
    name: definition.type,
    summary: definition.summary,
    contentType: 'application/json',
    correlationId: { $ref: '#/components/correlationIds/correlationId' },
    headers: {
      allOf: [
        schemaRef(HEADERS),
        { properties: { ce_type: { const: definition.type }, ce_source: { const: `rackeval/${producerOf(definition)}` } } },
      ],
    },
    payload: schemaRef(definition.payload.name),
    bindings: {
      kafka: {
        key: { ...subjectSchema, description: `The payload's ${subject}, also the CloudEvents subject.` },
        bindingVersion: KAFKA_BINDING_VERSION,
      },
    },
  };
}

/** Which payload field becomes the subject and key, found by watching what `subjectOf` reads. */
function subjectField(definition: EventDefinition): string {
  const read: string[] = [];
  const probe = new Proxy(
    {},
    {
      get: (_, key) => {
        read.push(String(key));
        return 'probe';
      },
    },
  );
  definition.subjectOf(probe);
  if (read.length !== 1) throw new Error(`${definition.type}: subjectOf should read one payload field, read ${read.join(', ') || 'none'}`);
  return read[0];
}

/** The headers of every webhook POST (libs/platform's postSignedWebhook writes them). */
function webhookHeadersSchema(): JsonSchema {
  return {
    type: 'object',
    description: 'Headers of a rackeval webhook POST (names are case-insensitive); the body is the JSON payload.',
    properties: {
      'content-type': { type: 'string', const: 'application/json' },
      'user-agent': { type: 'string', pattern: '^rackeval-[a-z-]+$', description: 'The sending service, as rackeval-<service>.' },
      [WEBHOOK_HEADERS.event]: { type: 'string', description: 'What happened; the body says it too.' },
      [WEBHOOK_HEADERS.delivery]: { type: 'string', description: 'The same on every retry of one message: drop a repeat by it.' },
      [WEBHOOK_HEADERS.timestamp]: { type: 'string', pattern: '^[0-9]+$', description: 'Unix seconds when this attempt was signed.' },
      [WEBHOOK_HEADERS.signature]: {
        type: 'string',
        pattern: '^sha256=[0-9a-f]{64}$',
        description: '`sha256=` and the hex HMAC-SHA256 of `<timestamp>.<raw body>` under the shared secret.',
      },
    },
    required: ['content-type', ...Object.values(WEBHOOK_HEADERS)].sort(),
  };
}

function webhookMessage(webhook: WebhookDefinition): object {
  return {
    name: webhook.name,
    summary: webhook.summary,
    contentType: 'application/json',
    headers: {
      allOf: [
        schemaRef(WEBHOOK_HEADERS_SCHEMA),
        {
          properties: {
            [WEBHOOK_HEADERS.event]: { type: 'string', enum: [...webhook.events] },
            [WEBHOOK_HEADERS.delivery]: { type: 'string', description: webhook.deliveryId },
            'user-agent': { const: `rackeval-${webhook.producer}` },
          },
        },
      ],
    },
    payload: schemaRef(webhook.payload.name),
    bindings: { http: { bindingVersion: HTTP_BINDING_VERSION } },
  };
}

/** Every payload class and the classes nested in them, by class name; nested ones by `$ref`. */
function payloadSchemas(payloads: ClassType[]): Array<[string, JsonSchema]> {
  const byName = new Map<string, ClassType>();
  const pending: ClassType[] = [...payloads];
  for (let type = pending.shift(); type; type = pending.shift()) {
    const known = byName.get(type.name);
    if (known && known !== type) throw new Error(`two contract classes are named ${type.name}; schema names must be unique`);
    if (known) continue;
    byName.set(type.name, type);
    pending.push(...nestedClassesOf(type));
  }
  return [...byName].map(([name, type]) => [name, toJsonSchema(type, (nested) => schemaRef(nested.name))]);
}
