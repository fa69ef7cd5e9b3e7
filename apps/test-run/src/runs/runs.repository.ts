import { Injectable } from '@nestjs/common';
import { Cursor, Page, recordOf, type Row } from '@rackeval/platform';
import { DataSource, EntityManager } from 'typeorm';
import { RunListQuery } from './dto/run.dto';
import { RunEntity, RunTransitionEntity } from './run.entity';
import type { SuiteRun } from './attempt.rules';
import { ACTIVE_RUN_STATES } from './run.state-machine';
import { RunView, toRunView } from './run.view';

@Injectable()
export class RunsRepository {
  constructor(private readonly dataSource: DataSource) {}

  activeRunOfRack(manager: EntityManager, rackSerial: string): Promise<RunEntity | null> {
    return manager
      .createQueryBuilder(RunEntity, 'run')
      .where('run.rackSerial = :rackSerial AND run.state IN (:...active)', { rackSerial, active: ACTIVE_RUN_STATES })
      .getOne();
  }

  activeRunOfBay(manager: EntityManager, bay: string): Promise<RunEntity | null> {
    return manager
      .createQueryBuilder(RunEntity, 'run')
      .where('run.bay = :bay AND run.state IN (:...active)', { bay, active: ACTIVE_RUN_STATES })
      .getOne();
  }

  /** The rack's runs of one suite, every incarnation, for counting attempts (attempt.rules.ts). */
  async suiteRuns(manager: EntityManager, rackSerial: string, suite: string): Promise<SuiteRun[]> {
    const rows: Row[] = await manager.query(`SELECT incarnation, abort_cause FROM run WHERE rack_serial = $1 AND suite = $2`, [
      rackSerial,
      suite,
    ]);
    return rows.map((row) => recordOf<SuiteRun>(row));
  }

  /** True when another run of the rack's incarnation has started; each incarnation's first start tells intake. */
  async rackStartedBefore(manager: EntityManager, rackSerial: string, incarnation: number, exceptRunId: string): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      `SELECT 1 FROM run WHERE rack_serial = $1 AND incarnation = $2 AND id <> $3 AND started_at IS NOT NULL LIMIT 1`,
      [rackSerial, incarnation, exceptRunId],
    );
    return rows.length > 0;
  }

  /**
   * Inserts a new run unless it collides with a unique index (an active run of the rack or the
   * bay, or the same attempt number of the incarnation) committed by a concurrent request; false then. ON CONFLICT
   * waits for that request to finish, so a re-read sees its run.
   */
  async insertUnlessTaken(manager: EntityManager, run: RunEntity): Promise<boolean> {
    const result = await manager.createQueryBuilder().insert().into(RunEntity).values(run).orIgnore().returning('id').execute();
    return (result.raw as unknown[]).length === 1;
  }

  find(manager: EntityManager, id: string): Promise<RunEntity | null> {
    return manager.findOneBy(RunEntity, { id });
  }

  history(manager: EntityManager, runId: string): Promise<RunTransitionEntity[]> {
    return manager.find(RunTransitionEntity, { where: { runId }, order: { id: 'ASC' } });
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
