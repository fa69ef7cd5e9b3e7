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

  /** The given version, or the current (latest) one. */
  find(manager: EntityManager, generation: string, version?: number): Promise<TestPlanEntity | null> {
    return version
      ? manager.findOneBy(TestPlanEntity, { generation, version })
      : manager.findOne(TestPlanEntity, { where: { generation }, order: { version: 'DESC' } });
  },
};
