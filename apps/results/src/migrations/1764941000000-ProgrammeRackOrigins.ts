import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Failures by lot and by supplier: results keeps each rack's lot and the suppliers of its BOM,
 * learnt from intake's RackReceived and RackCorrected (a rack received before this table existed
 * has no row until a correction names it, and counts under an unknown lot and supplier).
 *
 * The programme's evaluation figures read the concluded evaluations by generation; the covering
 * partial index lets them (and the failures by origin) answer from the index alone instead of
 * reading every evaluation's summary from the heap.
 *
 * One-generation programme figures are now cut from the all-generations snapshot, and the
 * figures gained fields: the snapshots stored so far are dropped, to be recomputed on first read.
 */
export class ProgrammeRackOrigins1764941000000 implements MigrationInterface {
  name = 'ProgrammeRackOrigins1764941000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE rack_origin (
        rack_serial text PRIMARY KEY,
        generation  text NOT NULL,
        lot         text NOT NULL,
        suppliers   text[],
        updated_at  timestamptz NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX rack_evaluation_concluded ON rack_evaluation (generation, rack_serial) INCLUDE (outcome) WHERE status = 'CONCLUDED'`);
    await queryRunner.query(`DELETE FROM programme_snapshot WHERE key LIKE 'figures:%' OR key LIKE 'components:%'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM programme_snapshot WHERE key LIKE 'figures:%' OR key LIKE 'components:%'`);
    await queryRunner.query(`DROP INDEX rack_evaluation_concluded`);
    await queryRunner.query(`DROP TABLE rack_origin`);
  }
}
