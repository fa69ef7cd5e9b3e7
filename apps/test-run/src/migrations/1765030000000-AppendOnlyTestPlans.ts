import { appendOnly } from '@rackeval/platform';
import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A published test plan version is what runs were scheduled against (each run keeps its
 * plan_version): a new plan is a new version, never an edit. The runtime role keeps only INSERT
 * and SELECT on test_plan, as on run_transition, so the promise holds below the code too.
 */
export class AppendOnlyTestPlans1765030000000 implements MigrationInterface {
  name = 'AppendOnlyTestPlans1765030000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await appendOnly(queryRunner, 'test_plan');
  }

  async down(): Promise<void> {
    // Nothing to give back: UPDATE and DELETE on published plans are not a state worth restoring.
  }
}
