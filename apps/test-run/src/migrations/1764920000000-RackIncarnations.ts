import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A rack returned from an RMA under its serial is that serial's next incarnation (intake's
 * RackReturnedFromRma): test-run keeps the rack's current incarnation, each run records the
 * incarnation it was scheduled for, and attempts are numbered and counted within it, as is a
 * re-opened evaluation's allowance. Everything before incarnations existed is incarnation 1.
 */
export class RackIncarnations1764920000000 implements MigrationInterface {
  name = 'RackIncarnations1764920000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE known_rack ADD COLUMN incarnation integer NOT NULL DEFAULT 1 CHECK (incarnation >= 1)`);
    await queryRunner.query(`ALTER TABLE run ADD COLUMN incarnation integer NOT NULL DEFAULT 1 CHECK (incarnation >= 1)`);
    await queryRunner.query(`DROP INDEX run_attempt`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX run_attempt ON run (rack_serial, incarnation, suite, attempt) WHERE abort_cause IS NULL OR abort_cause = 'DEVICE'`,
    );
    await queryRunner.query(`ALTER TABLE suite_attempt_allowance ADD COLUMN incarnation integer NOT NULL DEFAULT 1 CHECK (incarnation >= 1)`);
    await queryRunner.query(`ALTER TABLE suite_attempt_allowance DROP CONSTRAINT suite_attempt_allowance_pkey`);
    await queryRunner.query(`ALTER TABLE suite_attempt_allowance ADD PRIMARY KEY (rack_serial, incarnation, suite)`);
  }

  /** Fails while runs or allowances of a later incarnation exist: folding them into incarnation 1 would break its attempt numbers. */
  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE suite_attempt_allowance DROP CONSTRAINT suite_attempt_allowance_pkey`);
    await queryRunner.query(`ALTER TABLE suite_attempt_allowance ADD PRIMARY KEY (rack_serial, suite)`);
    await queryRunner.query(`ALTER TABLE suite_attempt_allowance DROP COLUMN incarnation`);
    await queryRunner.query(`DROP INDEX run_attempt`);
    await queryRunner.query(`CREATE UNIQUE INDEX run_attempt ON run (rack_serial, suite, attempt) WHERE abort_cause IS NULL OR abort_cause = 'DEVICE'`);
    await queryRunner.query(`ALTER TABLE run DROP COLUMN incarnation`);
    await queryRunner.query(`ALTER TABLE known_rack DROP COLUMN incarnation`);
  }
}
