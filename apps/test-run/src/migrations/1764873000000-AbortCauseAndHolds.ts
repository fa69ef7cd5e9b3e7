import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Aborts carry a cause, and only DEVICE uses up an attempt: a run aborted for any other cause
 * leaves the attempt index, so its attempt number is taken again by the next run. Aborts recorded
 * before causes existed used up their attempt, so they become DEVICE. Held racks keep the reason.
 */
export class AbortCauseAndHolds1764873000000 implements MigrationInterface {
  name = 'AbortCauseAndHolds1764873000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE run ADD COLUMN abort_cause text CHECK (abort_cause IN ('FACILITY', 'OPERATOR', 'HOLD', 'DEVICE'))`);
    await queryRunner.query(`UPDATE run SET abort_cause = 'DEVICE' WHERE state = 'ABORTED'`);
    await queryRunner.query(`ALTER TABLE run ADD CONSTRAINT run_abort_has_cause CHECK ((state = 'ABORTED') = (abort_cause IS NOT NULL))`);
    await queryRunner.query(`DROP INDEX run_attempt`);
    await queryRunner.query(`CREATE UNIQUE INDEX run_attempt ON run (rack_serial, suite, attempt) WHERE abort_cause IS NULL OR abort_cause = 'DEVICE'`);
    await queryRunner.query(`ALTER TABLE known_rack ADD COLUMN hold_reason text`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE known_rack DROP COLUMN hold_reason`);
    await queryRunner.query(`DROP INDEX run_attempt`);
    await queryRunner.query(`CREATE UNIQUE INDEX run_attempt ON run (rack_serial, suite, attempt)`);
    await queryRunner.query(`ALTER TABLE run DROP CONSTRAINT run_abort_has_cause, DROP COLUMN abort_cause`);
  }
}
