import { MigrationInterface, QueryRunner } from 'typeorm';

/** Attempts a re-opened evaluation allows per rack and suite (results' RackEvaluationReopened), in place of the plan's maxAttempts. */
export class ReopenedAttempts1764890000000 implements MigrationInterface {
  name = 'ReopenedAttempts1764890000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE suite_attempt_allowance (
        rack_serial   text NOT NULL,
        suite         text NOT NULL,
        attempt_limit integer NOT NULL,
        revision      integer NOT NULL,
        reopened_at   timestamptz NOT NULL,
        PRIMARY KEY (rack_serial, suite)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE suite_attempt_allowance`);
  }
}
