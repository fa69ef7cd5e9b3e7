import { ManufacturerFindingFeed } from './manufacturer-finding.webhook';
import type { WebhookDefinition } from './webhook-definition';

export {
  MANUFACTURER_FEED_TYPES,
  MANUFACTURER_FINDING_SCHEMA,
  ManufacturerEvidenceV1,
  ManufacturerFindingFeed,
  ManufacturerFindingFeedV1,
  ManufacturerFindingV1,
  type ManufacturerFeedType,
} from './manufacturer-finding.webhook';
export { defineWebhook, WEBHOOK_HEADERS, type WebhookDefinition } from './webhook-definition';

/** Every webhook rackeval sends whose body is a contract class (documented in asyncapi.yaml). */
export const WEBHOOKS: readonly WebhookDefinition[] = [ManufacturerFindingFeed as WebhookDefinition];
