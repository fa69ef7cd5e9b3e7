import { entityOf, type Row } from '@rackeval/platform';
import { EntityManager } from 'typeorm';
import { TestPlanEntity } from './test-plan.entity';

/** Test plans: immutable versions per generation. */
export const TestPlansRepository = {
  /** The version a new plan of the generation takes (call under the generation's lock). */
  async nextVersion(manager: EntityManager, generation: string): Promise<number> {
    const [{ next }] = await manager.query(`SELECT COALESCE(MAX(version), 0) + 1 AS next FROM test_plan WHERE generation = $1`, [
      generation,
    ]);
    return Number(next);
  },

  insert(manager: EntityManager, plan: TestPlanEntity): Promise<unknown> {
    return manager.insert(TestPlanEntity, plan);
  },

  /** The generation's current (latest) version; null when it has no plan. */
  async latestVersion(manager: EntityManager, generation: string): Promise<number | null> {
    const [{ version }]: Row[] = await manager.query(`SELECT max(version) AS version FROM test_plan WHERE generation = $1`, [generation]);
    return version === null ? null : Number(version);
  },

  /** One version of the generation's plan. */
  async find(manager: EntityManager, generation: string, version: number): Promise<TestPlanEntity | null> {
    const rows: Row[] = await manager.query(
      `SELECT generation, version, suites, published_at, published_by FROM test_plan WHERE generation = $1 AND version = $2`,
      [generation, version],
    );
    if (!rows.length) return null;
    return entityOf<TestPlanEntity>(rows[0]);
  },
};
