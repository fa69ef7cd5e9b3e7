import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The programme figures are computed on read. These let them read indexes instead of the heap: the
 * per-generation counts and domestic-content spread, each rack's first release and each rack's
 * latest evaluation verdict.
 */
export class ProgrammeIndexes1764850000000 implements MigrationInterface {
  name = 'ProgrammeIndexes1764850000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX rack_programme ON rack (generation, state) INCLUDE (domestic_content_pct, delivery_reference, received_at, lot)`,
    );
    await queryRunner.query(
      `CREATE INDEX rack_history_first_release ON rack_history (rack_serial, occurred_at) WHERE to_state = 'RELEASED_FOR_EVALUATION'`,
    );
    await queryRunner.query(
      `CREATE INDEX rack_history_outcome ON rack_history (rack_serial, seq DESC) INCLUDE (to_state) WHERE to_state IN ('EVALUATION_PASSED', 'EVALUATION_FAILED')`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX rack_history_outcome`);
    await queryRunner.query(`DROP INDEX rack_history_first_release`);
    await queryRunner.query(`DROP INDEX rack_programme`);
  }
}
