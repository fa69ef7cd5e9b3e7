import { Injectable } from '@nestjs/common';
import { Cursor, entityOf, Page, recordOf, type Row } from '@rackeval/platform';
import { DataSource, EntityManager } from 'typeorm';
import { RunListQuery } from './dto/run.dto';
import { RunEntity, RunTransitionEntity } from './run.entity';
import type { SuiteRun } from './attempt.rules';
import { ACTIVE_RUN_STATES } from './run.state-machine';
import { RunView, toRunView } from './run.view';

/** The run's columns, in RunEntity's order. */
export const RUN_COLUMNS = `id, seq, rack_serial, generation, suite, suite_name, incarnation, attempt, max_attempts, required, plan_version,
  metrics, bay, site, state, version, scheduled_at, scheduled_by, started_at, started_by, completed_at, completed_by,
  aborted_at, aborted_by, abort_reason, abort_cause`;

/** A run row as its entity: the timestamps stay the driver's Dates. */
export const runOf = (row: Row): RunEntity => entityOf<RunEntity>(row);

/** The run's history columns, in RunTransitionEntity's order. */
export const RUN_TRANSITION_COLUMNS = `id, run_id, from_state, to_state, actor, at, reason`;

/** A history row as its entity: `at` stays the driver's Date. */
export const runTransitionOf = (row: Row): RunTransitionEntity => entityOf<RunTransitionEntity>(row);

/** A run active (scheduled or running) on a rack or a bay, as the scheduling rules look at it. */
export interface ActiveRun {
  id: string;
  state: string;
  rackSerial: string;
  suite: string;
  bay: string;
}

@Injectable()
export class RunsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The id of the rack's active run, if any. */
  async activeRunOfRack(manager: EntityManager, rackSerial: string): Promise<{ id: string } | null> {
    const rows: Row[] = await manager.query(`SELECT id FROM run WHERE rack_serial = $1 AND state = ANY($2::text[])`, [
      rackSerial,
      ACTIVE_RUN_STATES,
    ]);
    return rows.length ? recordOf<{ id: string }>(rows[0]) : null;
  }

  /**
   * What scheduling reads of runs, in one read: the rack's active run, the bay's (the same row when
   * it is the same run), and the rack's runs of the suite, every incarnation, for counting attempts
   * (attempt.rules.ts).
   */
  async schedulingRuns(
    manager: EntityManager,
    rackSerial: string,
    bay: string,
    suite: string,
  ): Promise<{ ofRack: ActiveRun | null; ofBay: ActiveRun | null; ofSuite: SuiteRun[] }> {
    const rows: Row[] = await manager.query(
      `SELECT id, state, rack_serial, suite, bay, incarnation, abort_cause FROM run
        WHERE (rack_serial = $1 AND (suite = $3 OR state = ANY($4::text[]))) OR (bay = $2 AND state = ANY($4::text[]))`,
      [rackSerial, bay, suite, ACTIVE_RUN_STATES],
    );
    const runs = rows.map((row) => recordOf<ActiveRun & SuiteRun>(row));
    const active = (run: ActiveRun) => (ACTIVE_RUN_STATES as readonly string[]).includes(run.state);
    return {
      ofRack: runs.find((run) => active(run) && run.rackSerial === rackSerial) ?? null,
      ofBay: runs.find((run) => active(run) && run.bay === bay) ?? null,
      ofSuite: runs.filter((run) => run.rackSerial === rackSerial && run.suite === suite),
    };
  }

  /**
   * The run, and whether another run of its rack's incarnation has started (each incarnation's
   * first start tells intake). Read with the run: while the run is active no other run of its rack
   * can be (one active run per rack), so no other can start before this one moves.
   */
  async findWithEarlierStart(manager: EntityManager, id: string): Promise<{ run: RunEntity; rackStartedBefore: boolean } | null> {
    const rows: Row[] = await manager.query(
      `SELECT ${RUN_COLUMNS},
              EXISTS (SELECT 1 FROM run o WHERE o.rack_serial = r.rack_serial AND o.incarnation = r.incarnation AND o.id <> r.id
                                            AND o.started_at IS NOT NULL) AS rack_started_before
         FROM run r WHERE r.id = $1`,
      [id],
    );
    if (!rows.length) return null;
    const { rack_started_before, ...row } = rows[0];
    return { run: runOf(row), rackStartedBefore: rack_started_before === true };
  }

  /**
   * Inserts a new run unless it collides with a unique index (an active run of the rack or the
   * bay, or the same attempt number of the incarnation) committed by a concurrent request; false then. ON CONFLICT
   * waits for that request to finish, so a re-read sees its run.
   */
  async insertUnlessTaken(manager: EntityManager, run: RunEntity): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      `INSERT INTO run (id, rack_serial, generation, suite, suite_name, incarnation, attempt, max_attempts, required, plan_version,
         metrics, bay, site, state, version, scheduled_at, scheduled_by, started_at, started_by, completed_at, completed_by,
         aborted_at, aborted_by, abort_reason, abort_cause)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25)
       ON CONFLICT DO NOTHING RETURNING id`,
      [
        run.id,
        run.rackSerial,
        run.generation,
        run.suite,
        run.suiteName,
        run.incarnation,
        run.attempt,
        run.maxAttempts,
        run.required,
        run.planVersion,
        JSON.stringify(run.metrics),
        run.bay,
        run.site,
        run.state,
        run.version,
        run.scheduledAt,
        run.scheduledBy,
        run.startedAt,
        run.startedBy,
        run.completedAt,
        run.completedBy,
        run.abortedAt,
        run.abortedBy,
        run.abortReason,
        run.abortCause,
      ],
    );
    return rows.length === 1;
  }

  async find(manager: EntityManager, id: string): Promise<RunEntity | null> {
    const rows: Row[] = await manager.query(`SELECT ${RUN_COLUMNS} FROM run WHERE id = $1`, [id]);
    return rows.length ? runOf(rows[0]) : null;
  }

  async history(manager: EntityManager, runId: string): Promise<RunTransitionEntity[]> {
    const rows: Row[] = await manager.query(`SELECT ${RUN_TRANSITION_COLUMNS} FROM run_transition WHERE run_id = $1 ORDER BY id`, [runId]);
    return rows.map(runTransitionOf);
  }

  async list(query: RunListQuery): Promise<Page<RunView>> {
    const [after] = Cursor.decode(query.cursor, ['bigint'] as const) ?? [];
    const builder = this.dataSource.manager
      .createQueryBuilder(RunEntity, 'run')
      .orderBy('run.seq', 'ASC')
      .limit(query.limit + 1);
    if (after !== undefined) builder.andWhere('run.seq > :after', { after });
    if (query.rack) builder.andWhere('run.rackSerial = :rack', { rack: query.rack });
    if (query.incarnation) builder.andWhere('run.incarnation = :incarnation', { incarnation: query.incarnation });
    if (query.state) builder.andWhere('run.state = :state', { state: query.state });
    if (query.generation) builder.andWhere('run.generation = :generation', { generation: query.generation });
    if (query.bay) builder.andWhere('run.bay = :bay', { bay: query.bay });
    if (query.suite) builder.andWhere('run.suite = :suite', { suite: query.suite });
    return Cursor.page(
      await builder.getMany(),
      query.limit,
      (run) => [run.seq],
      (run) => toRunView(run),
    );
  }
}
