import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import { ServiceConfig } from '@rackeval/platform';

export class PurchaseOptionConfig extends ServiceConfig {
  override PORT = 3004;
  override DATABASE_URL = 'postgres://rackeval_purchase_option:rackeval@127.0.0.1:5432/rackeval';
  override DATABASE_SCHEMA = 'purchase_option';
  override KAFKA_CLIENT_ID = 'rackeval-purchase-option';
  override KAFKA_GROUP_ID = 'rackeval-purchase-option';

  /** How often each instance looks for expired options; the database makes each lapse happen once. */
  @Type(() => Number) @IsInt() @Min(1) @Max(86_400) LAPSE_SWEEP_INTERVAL_SECONDS = 30;
  /** Options lapsed per sweep transaction. */
  @Type(() => Number) @IsInt() @Min(1) @Max(10_000) LAPSE_SWEEP_BATCH_SIZE = 200;
}
