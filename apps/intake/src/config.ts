import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import { serviceConfigFor } from '@rackeval/platform';

export class IntakeConfig extends serviceConfigFor('intake', 3001) {
  /** How often deferred option ends are looked at again (a safety net; the verdict normally replays them). */
  @Type(() => Number) @IsInt() @Min(1) @Max(86_400) DEFERRED_SWEEP_INTERVAL_SECONDS = 30;
  /** Largest CSV manifest in bytes (16 MiB, ~120,000 BOM lines): past it the import is a 413 naming this setting. */
  @Type(() => Number) @IsInt() @Min(1024) @Max(1024 ** 3) MANIFEST_MAX_BYTES = 16 * 1024 ** 2;
  /** Most rows (BOM lines) in one manifest: past it the import is a 413 naming this setting. */
  @Type(() => Number) @IsInt() @Min(1) @Max(1_000_000) MANIFEST_MAX_ROWS = 100_000;
}
