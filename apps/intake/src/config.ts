import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUrl, Matches, Max, Min, ValidateIf } from 'class-validator';
import { serviceConfigFor } from '@rackeval/platform';

export class IntakeConfig extends serviceConfigFor('intake', 3001) {
  /** How often deferred option ends are looked at again (a safety net; the verdict normally replays them). */
  @Type(() => Number) @IsInt() @Min(1) @Max(86_400) DEFERRED_SWEEP_INTERVAL_SECONDS = 30;
  /** Largest CSV manifest in bytes (16 MiB, ~120,000 BOM lines): past it the import is a 413 naming this setting. */
  @Type(() => Number) @IsInt() @Min(1024) @Max(1024 ** 3) MANIFEST_MAX_BYTES = 16 * 1024 ** 2;
  /** Most rows (BOM lines) in one manifest: past it the import is a 413 naming this setting. */
  @Type(() => Number) @IsInt() @Min(1) @Max(1_000_000) MANIFEST_MAX_ROWS = 100_000;

  // Attachments of deliveries, inspections and RMAs (apps/intake/src/attachments): the same settings as results' evidence store.
  /** `fs`: files under ATTACHMENTS_DIR (needs no other service); `s3`: an S3-compatible bucket. */
  @IsIn(['fs', 's3']) ATTACHMENTS_STORE: 'fs' | 's3' = 'fs';
  /** A folder of intake's own (git-ignored), apart from results' `.rackeval/attachments`. */
  @IsString() ATTACHMENTS_DIR = '.rackeval/intake-attachments';
  /** Largest attachment in bytes (64 MiB): past it the upload is refused with 413 naming the limit. */
  @Type(() => Number) @IsInt() @Min(1024) @Max(5 * 1024 ** 3) ATTACHMENTS_MAX_BYTES = 64 * 1024 ** 2;
  /** Media types accepted for attachments, comma-separated. */
  @Matches(/^[a-z0-9.+-]+\/[a-z0-9.+-]+(,[a-z0-9.+-]+\/[a-z0-9.+-]+)*$/) ATTACHMENTS_MEDIA_TYPES =
    'text/plain,text/csv,application/x-ndjson,application/pdf,image/png,image/jpeg,application/gzip,application/zip';
  @ValidateIf((c: IntakeConfig) => c.ATTACHMENTS_STORE === 's3')
  @IsUrl({ require_tld: false, protocols: ['http', 'https'] })
  ATTACHMENTS_S3_ENDPOINT?: string;
  @IsString() ATTACHMENTS_S3_REGION = 'us-east-1';
  @ValidateIf((c: IntakeConfig) => c.ATTACHMENTS_STORE === 's3') @IsString() ATTACHMENTS_S3_BUCKET?: string;
  @ValidateIf((c: IntakeConfig) => c.ATTACHMENTS_STORE === 's3') @IsString() ATTACHMENTS_S3_ACCESS_KEY_ID?: string;
  @ValidateIf((c: IntakeConfig) => c.ATTACHMENTS_STORE === 's3') @IsString() ATTACHMENTS_S3_SECRET_ACCESS_KEY?: string;
  /** Key prefix inside the bucket, e.g. `intake/` when intake shares a bucket with results. */
  @IsOptional() @IsString() ATTACHMENTS_S3_PREFIX?: string;
}
