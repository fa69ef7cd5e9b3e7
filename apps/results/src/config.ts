import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import { ServiceConfig } from '@rackeval/platform';

export class ResultsConfig extends ServiceConfig {
  override PORT = 3003;
  override DATABASE_URL = 'postgres://rackeval_results:rackeval@127.0.0.1:5432/rackeval';
  override DATABASE_SCHEMA = 'results';
  override KAFKA_CLIENT_ID = 'rackeval-results';
  override KAFKA_GROUP_ID = 'rackeval-results';

  /** How long after a run completes a harness may still flush measurements (late batches re-judge the run). */
  @Type(() => Number) @IsInt() @Min(0) @Max(86_400) COMPLETED_GRACE_SECONDS = 300;
  /** Rows of an OCPTV stream sent to PostgreSQL at a time, while the rest of the stream is read. */
  @Type(() => Number) @IsInt() @Min(100) @Max(50_000) OCPTV_BATCH_ROWS = 5_000;
  /** Largest OCPTV upload in bytes (256 MiB): past it the request is refused with 413 and nothing is written. */
  @Type(() => Number) @IsInt() @Min(1024) @Max(16 * 1024 ** 3) OCPTV_MAX_BYTES = 256 * 1024 ** 2;
  /** Longest OCPTV line (one artifact) in bytes (1 MiB): a longer line is a bad line, never buffered past this. */
  @Type(() => Number) @IsInt() @Min(1024) @Max(64 * 1024 ** 2) OCPTV_MAX_LINE_BYTES = 1024 ** 2;
  /** Largest chunk of a resumable OCPTV upload (16 MiB); the whole upload has no limit, as it is stored chunk by chunk. */
  @Type(() => Number) @IsInt() @Min(1024) @Max(256 * 1024 ** 2) OCPTV_CHUNK_MAX_BYTES = 16 * 1024 ** 2;
}
