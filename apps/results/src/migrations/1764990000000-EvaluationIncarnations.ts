import { appendOnly } from '@rackeval/platform';
import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A rack that comes back from an RMA under its serial is its next incarnation and is evaluated
 * afresh. Runs say which incarnation they test (test-run's RunFactV1.incarnation, absent = 1);
 * the rack's evaluation is of its current incarnation and counts only that incarnation's runs.
 * On a return the evaluation row starts again as PENDING (no verdict yet, revision 0) for the new
 * incarnation; the verdicts and re-opens of earlier incarnations stay in their history tables,
 * now keyed by incarnation too, and evaluation_restart says what each return found.
 */
export class EvaluationIncarnations1764990000000 implements MigrationInterface {
  name = 'EvaluationIncarnations1764990000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE run ADD COLUMN incarnation integer NOT NULL DEFAULT 1 CHECK (incarnation >= 1)`);
    await queryRunner.query(`
      ALTER TABLE rack_evaluation
        ADD COLUMN incarnation integer NOT NULL DEFAULT 1 CHECK (incarnation >= 1),
        ALTER COLUMN outcome DROP NOT NULL,
        ALTER COLUMN criteria_met DROP NOT NULL,
        ALTER COLUMN criteria_total DROP NOT NULL,
        ALTER COLUMN summary DROP NOT NULL,
        ALTER COLUMN concluded_at DROP NOT NULL,
        DROP CONSTRAINT rack_evaluation_status_check,
        ADD CONSTRAINT rack_evaluation_status_check CHECK (status IN ('PENDING', 'CONCLUDED', 'REOPENED')),
        ADD CONSTRAINT rack_evaluation_verdict_check CHECK (
          status = 'PENDING' OR (outcome IS NOT NULL AND criteria_met IS NOT NULL AND criteria_total IS NOT NULL
                                 AND summary IS NOT NULL AND concluded_at IS NOT NULL))`);
    for (const table of ['evaluation_verdict', 'evaluation_reopening']) {
      await queryRunner.query(`
        ALTER TABLE ${table}
          ADD COLUMN incarnation integer NOT NULL DEFAULT 1,
          DROP CONSTRAINT ${table}_pkey,
          ADD PRIMARY KEY (rack_serial, incarnation, revision)`);
    }
    await queryRunner.query(`
      CREATE TABLE evaluation_restart (
        rack_serial          text NOT NULL,
        incarnation          integer NOT NULL CHECK (incarnation >= 2),
        previous_incarnation integer NOT NULL,
        previous_status      text NOT NULL CHECK (previous_status IN ('PENDING', 'CONCLUDED', 'REOPENED')),
        previous_outcome     text CHECK (previous_outcome IN ('PASSED', 'FAILED')),
        previous_revision    integer,
        rma_id               uuid NOT NULL,
        rma_number           text NOT NULL,
        kind                 text NOT NULL CHECK (kind IN ('REPAIRED', 'REPLACED')),
        reason               text NOT NULL,
        actor                text NOT NULL,
        returned_at          timestamptz NOT NULL,
        PRIMARY KEY (rack_serial, incarnation)
      )`);
    await appendOnly(queryRunner, 'evaluation_restart');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE evaluation_restart`);
    // Earlier incarnations' history cannot be kept under the old keys: only the first incarnation's stays.
    for (const table of ['evaluation_verdict', 'evaluation_reopening']) {
      await queryRunner.query(`DELETE FROM ${table} WHERE incarnation > 1`);
      await queryRunner.query(`ALTER TABLE ${table} DROP CONSTRAINT ${table}_pkey, ADD PRIMARY KEY (rack_serial, revision), DROP COLUMN incarnation`);
    }
    await queryRunner.query(`DELETE FROM rack_evaluation WHERE status = 'PENDING'`);
    await queryRunner.query(`
      ALTER TABLE rack_evaluation
        DROP CONSTRAINT rack_evaluation_verdict_check,
        DROP CONSTRAINT rack_evaluation_status_check,
        ADD CONSTRAINT rack_evaluation_status_check CHECK (status IN ('CONCLUDED', 'REOPENED')),
        ALTER COLUMN outcome SET NOT NULL,
        ALTER COLUMN criteria_met SET NOT NULL,
        ALTER COLUMN criteria_total SET NOT NULL,
        ALTER COLUMN summary SET NOT NULL,
        ALTER COLUMN concluded_at SET NOT NULL,
        DROP COLUMN incarnation`);
    await queryRunner.query(`ALTER TABLE run DROP COLUMN incarnation`);
  }
}
