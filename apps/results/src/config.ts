import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUrl, Matches, Max, MaxLength, Min, MinLength, ValidateIf } from 'class-validator';
import { serviceConfigFor } from '@rackeval/platform';

export class ResultsConfig extends serviceConfigFor('results', 3003) {
  /** How long after a run completes a harness may still flush measurements (late batches re-judge the run). */
  @Type(() => Number) @IsInt() @Min(0) @Max(86_400) COMPLETED_GRACE_SECONDS = 300;
  /** Most rows of an OCPTV stream sent to PostgreSQL at a time, while the rest of the stream is read (the first chunks are smaller). */
  @Type(() => Number) @IsInt() @Min(100) @Max(50_000) OCPTV_BATCH_ROWS = 5_000;
  /** Largest OCPTV upload in bytes (256 MiB): past it the request is refused with 413 and nothing is written. */
  @Type(() => Number) @IsInt() @Min(1024) @Max(16 * 1024 ** 3) OCPTV_MAX_BYTES = 256 * 1024 ** 2;
  /** Longest OCPTV line (one artifact) in bytes (1 MiB): a longer line is a bad line, never buffered past this. */
  @Type(() => Number) @IsInt() @Min(1024) @Max(64 * 1024 ** 2) OCPTV_MAX_LINE_BYTES = 1024 ** 2;
  /** Largest chunk of a resumable OCPTV upload (16 MiB); the whole upload has no limit, as it is stored chunk by chunk. */
  @Type(() => Number) @IsInt() @Min(1024) @Max(256 * 1024 ** 2) OCPTV_CHUNK_MAX_BYTES = 16 * 1024 ** 2;

  // Findings and attachments (apps/results/src/findings): the failure-class taxonomy and where evidence is stored.
  /** The failure classes a finding may be triaged into, comma-separated upper-case words. */
  @Matches(/^[A-Z][A-Z0-9_]{1,39}(,[A-Z][A-Z0-9_]{1,39})*$/) FINDING_CLASSES =
    'HARDWARE_DEFECT,FIRMWARE,THERMAL,POWER,CABLING,FACILITY,TEST_HARNESS,NOT_A_DEFECT';
  /** `fs`: files under ATTACHMENTS_DIR (needs no other service); `s3`: an S3-compatible bucket. */
  @IsIn(['fs', 's3']) ATTACHMENTS_STORE: 'fs' | 's3' = 'fs';
  @IsString() ATTACHMENTS_DIR = '.rackeval/attachments';
  /** Largest attachment in bytes (64 MiB): past it the upload is refused with 413 naming the limit. */
  @Type(() => Number) @IsInt() @Min(1024) @Max(5 * 1024 ** 3) ATTACHMENTS_MAX_BYTES = 64 * 1024 ** 2;
  /** Media types accepted for attachments, comma-separated. */
  @Matches(/^[a-z0-9.+-]+\/[a-z0-9.+-]+(,[a-z0-9.+-]+\/[a-z0-9.+-]+)*$/) ATTACHMENTS_MEDIA_TYPES =
    'text/plain,text/csv,application/x-ndjson,application/pdf,image/png,image/jpeg,application/gzip,application/zip';
  @ValidateIf((c: ResultsConfig) => c.ATTACHMENTS_STORE === 's3')
  @IsUrl({ require_tld: false, protocols: ['http', 'https'] })
  ATTACHMENTS_S3_ENDPOINT?: string;
  @IsString() ATTACHMENTS_S3_REGION = 'us-east-1';
  @ValidateIf((c: ResultsConfig) => c.ATTACHMENTS_STORE === 's3') @IsString() ATTACHMENTS_S3_BUCKET?: string;
  @ValidateIf((c: ResultsConfig) => c.ATTACHMENTS_STORE === 's3') @IsString() ATTACHMENTS_S3_ACCESS_KEY_ID?: string;
  @ValidateIf((c: ResultsConfig) => c.ATTACHMENTS_STORE === 's3') @IsString() ATTACHMENTS_S3_SECRET_ACCESS_KEY?: string;
  @IsOptional() @IsString() ATTACHMENTS_S3_PREFIX?: string;

  // The manufacturer's finding feed (apps/results/src/manufacturer-feed): a signed webhook of findings reported to the manufacturer.
  /** Where the feed is POSTed; empty: the feed is off (nothing is queued or sent). */
  @IsString() @Matches(/^(https?:\/\/\S+)?$/, { message: 'MANUFACTURER_WEBHOOK_URL is an http(s) URL or empty' }) MANUFACTURER_WEBHOOK_URL =
    '';
  /** The HMAC-SHA256 key the receiver verifies X-Rackeval-Signature with; at least 16 characters once a URL is set. */
  @ValidateIf((c: ResultsConfig) => c.MANUFACTURER_WEBHOOK_URL !== '')
  @IsString()
  @MinLength(16, { message: 'MANUFACTURER_WEBHOOK_SECRET must be at least 16 characters when MANUFACTURER_WEBHOOK_URL is set' })
  @MaxLength(512)
  MANUFACTURER_WEBHOOK_SECRET = '';
  /** How often each instance looks for due deliveries. */
  @Type(() => Number) @IsInt() @Min(100) @Max(3_600_000) MANUFACTURER_WEBHOOK_INTERVAL_MS = 5_000;
  /** The wait after a first failure, doubled after each further one (capped at an hour). */
  @Type(() => Number) @IsInt() @Min(10) @Max(3_600_000) MANUFACTURER_WEBHOOK_RETRY_BASE_MS = 30_000;
  /** Attempts of a delivery before it is GAVE_UP (an admin may send it again). */
  @Type(() => Number) @IsInt() @Min(1) @Max(50) MANUFACTURER_WEBHOOK_MAX_ATTEMPTS = 8;
  /** How long one POST may take before it counts as failed. */
  @Type(() => Number) @IsInt() @Min(100) @Max(120_000) MANUFACTURER_WEBHOOK_TIMEOUT_MS = 10_000;
}
