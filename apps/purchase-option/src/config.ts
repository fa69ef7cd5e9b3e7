import { Type } from 'class-transformer';
import { IsInt, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { serviceConfigFor } from '@rackeval/platform';

export class PurchaseOptionConfig extends serviceConfigFor('purchase-option', 3004) {
  /** How often each instance looks for expired options; the database makes each lapse happen once. */
  @Type(() => Number) @IsInt() @Min(1) @Max(86_400) LAPSE_SWEEP_INTERVAL_SECONDS = 30;
  /** Options lapsed per sweep transaction. */
  @Type(() => Number) @IsInt() @Min(1) @Max(10_000) LAPSE_SWEEP_BATCH_SIZE = 200;

  /** Remind finance of an undecided option this many days before it expires; one reminder per threshold (comma-separated). */
  @IsString()
  @Matches(/^\d{1,3}(,\d{1,3})*$/, { message: 'REMINDER_EXPIRY_DAYS is a comma-separated list of whole days, e.g. 7,1' })
  REMINDER_EXPIRY_DAYS = '7,1';
  /** Where reminders are posted (empty: no webhook; the console still lists them). */
  @IsString() @Matches(/^(https?:\/\/\S+)?$/, { message: 'REMINDER_WEBHOOK_URL is an http(s) URL or empty' }) REMINDER_WEBHOOK_URL = '';
  /** HMAC-SHA256 key the receiver verifies X-Rackeval-Signature with. */
  @IsString() @MaxLength(512) REMINDER_WEBHOOK_SECRET = '';
  /** How often each instance looks for reminders to claim and deliver. */
  @Type(() => Number) @IsInt() @Min(1) @Max(86_400) REMINDER_INTERVAL_SECONDS = 60;
  /** The first retry waits this long; each further one twice as long (capped at an hour). */
  @Type(() => Number) @IsInt() @Min(10) @Max(3_600_000) REMINDER_RETRY_BASE_MS = 30_000;
  /** Attempts before a delivery is given up (FAILED, still in the log). */
  @Type(() => Number) @IsInt() @Min(1) @Max(50) REMINDER_MAX_ATTEMPTS = 8;
  /** A receiver that does not answer within this is an attempt that failed. */
  @Type(() => Number) @IsInt() @Min(100) @Max(120_000) REMINDER_WEBHOOK_TIMEOUT_MS = 10_000;
}
