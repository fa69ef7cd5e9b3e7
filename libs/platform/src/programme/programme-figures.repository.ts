import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { readInSnapshot } from '../database/read-snapshot';
import { SnapshotRepository } from '../database/snapshots';

/** A table that names generations: its name, or its name and the column holding the code (`generation` when not given). */
export type GenerationSource = string | readonly [table: string, column: string];

/**
 * The base of each service's programme repository: the snapshots its figures are kept in and the
 * two reads every service's figures start from (which generations, and how many of its aggregates
 * are in each state). The figures themselves stay each service's own queries. Table and column
 * names come from the subclass's code, never from a request.
 */
@Injectable()
export abstract class ProgrammeFiguresRepository {
  /** The figures kept as a read model: answered from `programme_snapshot`, recomputed when stale. */
  readonly snapshots: SnapshotRepository;

  constructor(protected readonly dataSource: DataSource) {
    this.snapshots = new SnapshotRepository(dataSource);
  }

  /**
   * Runs `compute` in one read-only snapshot, its reads one after another on one connection, so
   * every figure comes from the same committed state: read on several pooled connections at once,
   * a change committing between two reads could be counted in one figure and not in the next.
   */
  inOneSnapshot<T>(compute: (manager: EntityManager) => Promise<T>): Promise<T> {
    return readInSnapshot(this.dataSource, compute);
  }

  /** The generation codes named in any of these tables, in order: the one asked for, or all when null. */
  protected async generationsIn(manager: EntityManager, generation: string | null, ...sources: GenerationSource[]): Promise<string[]> {
    const selects = sources.map((source) => {
      const [table, column] = typeof source === 'string' ? [source, 'generation'] : source;
      return `SELECT ${column} AS generation FROM ${table} WHERE ($1::text IS NULL OR ${column} = $1)`;
    });
    const rows: Array<{ generation: string }> = await manager.query(`${selects.join(' UNION ')} ORDER BY 1`, [generation]);
    return rows.map((row) => row.generation);
  }

  /** Rows of `table` counted by generation and state: one generation, or all when null. */
  protected countByState<S extends string>(
    manager: EntityManager,
    table: string,
    generation: string | null,
  ): Promise<Array<{ generation: string; state: S; count: number }>> {
    return manager.query(
      `SELECT generation, state, count(*)::int AS count FROM ${table} WHERE ($1::text IS NULL OR generation = $1) GROUP BY generation, state`,
      [generation],
    );
  }
}
