import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The programme figures are computed on read: options by state, the money in each state (with the
 * terms version to price them) and the times to verdict come from this one index.
 */
export class ProgrammeIndexes1764850000000 implements MigrationInterface {
  name = 'ProgrammeIndexes1764850000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX purchase_option_programme ON purchase_option (generation, state) INCLUDE (terms_version, received_at, verdict_at)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX purchase_option_programme`);
  }
}
