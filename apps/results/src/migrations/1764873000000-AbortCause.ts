import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * test-run's aborts carry a cause and say whether they used up an attempt (only DEVICE does).
 * Aborts mirrored before causes existed all used one, as the default keeps them.
 */
export class AbortCause1764873000000 implements MigrationInterface {
  name = 'AbortCause1764873000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE run ADD COLUMN abort_cause text, ADD COLUMN attempt_consumed boolean NOT NULL DEFAULT true`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE run DROP COLUMN abort_cause, DROP COLUMN attempt_consumed`);
  }
}
