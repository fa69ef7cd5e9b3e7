import { Injectable } from '@nestjs/common';
import { Cursor, Page } from '@rackeval/platform';
import { DataSource, EntityManager } from 'typeorm';
import { RunListQuery } from './dto/run.dto';
import { RunEntity, RunTransitionEntity } from './run.entity';
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

  /** Attempts used so far: every run of the suite except those aborted for a cause other than DEVICE. */
  async countAttempts(manager: EntityManager, rackSerial: string, suite: string): Promise<number> {
    const [row]: Array<{ used: number }> = await manager.query(
      `SELECT count(*)::int AS used FROM run WHERE rack_serial = $1 AND suite = $2 AND (abort_cause IS NULL OR abort_cause = 'DEVICE')`,
      [rackSerial, suite],
    );
    return row.used;
  }

  /** True when another run of the rack has ever started; the rack's first start tells intake. */
  async rackStartedBefore(manager: EntityManager, rackSerial: string, exceptRunId: string): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      `SELECT 1 FROM run WHERE rack_serial = $1 AND id <> $2 AND started_at IS NOT NULL LIMIT 1`,
      [rackSerial, exceptRunId],
    );
    return rows.length > 0;
  }

  /**
   * Inserts a new run unless it collides with a unique index (an active run of the rack or the
   * bay, or the same attempt number) committed by a concurrent request; false then. ON CONFLICT
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
