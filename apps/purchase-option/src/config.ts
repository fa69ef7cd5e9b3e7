import { ServiceConfig } from '@rackeval/platform';

export class PurchaseOptionConfig extends ServiceConfig {
  override PORT = 3004;
  override DATABASE_URL = 'postgres://rackeval_purchase_option:rackeval@127.0.0.1:5432/rackeval';
  override DATABASE_SCHEMA = 'purchase_option';
  override KAFKA_CLIENT_ID = 'rackeval-purchase-option';
  override KAFKA_GROUP_ID = 'rackeval-purchase-option';
}
