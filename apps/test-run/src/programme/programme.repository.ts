import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { AbortCause, RunState } from '@rackeval/contracts';
import { ProgrammeFiguresRepository } from '@rackeval/platform';

export interface StateRow {
  generation: string;
  state: RunState;
  count: number;
}
export interface ReasonRow {
  generation: string;
  reason: string;
  count: number;
}
export interface CauseRow {
  generation: string;
  cause: AbortCause;
  count: number;
}
export interface CapacityRow {
  bays: number;
  seconds: string;
}
export interface UseRow {
  generation: string | null;
  held: string;
  running: string;
}

/** Seconds of [start, end) inside [$from, $to); open runs end at $to. */
const overlap = (start: string) =>
  `greatest(0, extract(epoch FROM least(coalesce(completed_at, aborted_at, $2::timestamptz), $2::timestamptz) - greatest(${start}, $1::timestamptz)))`;

/** Programme figures computed on read from the run and bay tables (indexes: ProgrammeIndexes migration). */
@Injectable()
export class ProgrammeRepository extends ProgrammeFiguresRepository {
  generations(manager: EntityManager, generation: string | null): Promise<string[]> {
    return this.generationsIn(manager, generation, ['known_generation', 'code'], 'run');
  }

  runsByState(manager: EntityManager, generation: string | null): Promise<StateRow[]> {
    return this.countByState<RunState>(manager, 'run', generation);
  }

  abortCauses(manager: EntityManager, generation: string | null): Promise<CauseRow[]> {
    return manager.query(
      `SELECT generation, abort_cause AS cause, count(*)::int AS count FROM run
        WHERE state = 'ABORTED' AND ($1::text IS NULL OR generation = $1) GROUP BY generation, abort_cause`,
      [generation],
    );
  }

  /** The ten most frequent abort reasons per generation. */
  abortReasons(manager: EntityManager, generation: string | null): Promise<ReasonRow[]> {
    return manager.query(
      `SELECT generation, reason, count FROM (
         SELECT generation, coalesce(abort_reason, '') AS reason, count(*)::int AS count,
                row_number() OVER (PARTITION BY generation ORDER BY count(*) DESC, coalesce(abort_reason, '')) AS rank
           FROM run WHERE state = 'ABORTED' AND ($1::text IS NULL OR generation = $1)
          GROUP BY generation, coalesce(abort_reason, '')) ranked
        WHERE rank <= 10 ORDER BY generation, count DESC, reason`,
      [generation],
    );
  }

  /** Bays in service at the window's end and the bay-seconds they offered inside the window. */
  async capacity(manager: EntityManager, from: Date, to: Date): Promise<CapacityRow> {
    const [row] = await manager.query(
      `SELECT count(*)::int AS bays,
              coalesce(sum(extract(epoch FROM $2::timestamptz - greatest(created_at, $1::timestamptz))), 0)::text AS seconds
         FROM bay WHERE created_at < $2::timestamptz`,
      [from.toISOString(), to.toISOString()],
    );
    return row;
  }

  /** Bay-seconds held (from scheduling) and running (from start) per generation, plus the total (generation null). */
  use(manager: EntityManager, from: Date, to: Date, generation: string | null): Promise<UseRow[]> {
    return manager.query(
      `SELECT generation, coalesce(sum(${overlap('scheduled_at')}), 0)::text AS held,
              coalesce(sum(${overlap('started_at')}) FILTER (WHERE started_at IS NOT NULL), 0)::text AS running
         FROM run
        WHERE scheduled_at < $2::timestamptz AND coalesce(completed_at, aborted_at, 'infinity') > $1::timestamptz
          AND ($3::text IS NULL OR generation = $3)
        GROUP BY GROUPING SETS ((generation), ())`,
      [from.toISOString(), to.toISOString(), generation],
    );
  }
}
