import type { PayloadClass } from '../registry/event-definition';

/**
 * The headers every rackeval webhook carries, lower-case as a receiver's HTTP library gives them
 * (HTTP header names are case-insensitive). The signed POST in libs/platform writes exactly these.
 */
export const WEBHOOK_HEADERS = {
  /** What happened: the reminder kind, the feed's event type. */
  event: 'x-rackeval-event',
  /** The same on every retry of one message: the receiver drops a repeat by it. */
  delivery: 'x-rackeval-delivery',
  /** Unix seconds when this attempt was signed. */
  timestamp: 'x-rackeval-timestamp',
  /** `sha256=` + hex HMAC-SHA256(secret, "<timestamp>.<raw body>"). */
  signature: 'x-rackeval-signature',
} as const;

/** A signed HTTP POST a rackeval service sends to a URL an operator configures (documented in asyncapi.yaml). */
export interface WebhookDefinition<T extends object = object> {
  /** The AsyncAPI channel id, e.g. `manufacturerFindingFeed`. */
  readonly id: string;
  /** The versioned name of the body, also its `schema` field, e.g. `rackeval.manufacturer.finding.v1`. */
  readonly name: string;
  /** The service that sends it. */
  readonly producer: 'intake' | 'test-run' | 'results' | 'purchase-option';
  readonly summary: string;
  /** What a receiver needs to know beyond the schema: configuration, signature, retries, order. */
  readonly description: string;
  readonly payload: PayloadClass<T>;
  /** The values of X-Rackeval-Event. */
  readonly events: readonly string[];
  /** What X-Rackeval-Delivery carries. */
  readonly deliveryId: string;
}

export function defineWebhook<T extends object>(definition: WebhookDefinition<T>): WebhookDefinition<T> {
  if (!/^rackeval\.[a-z-]+\.[a-z-]+\.v\d+$/.test(definition.name)) {
    throw new Error(`webhook ${definition.name} must look like rackeval.<audience>.<subject>.v<n>`);
  }
  return Object.freeze(definition);
}
