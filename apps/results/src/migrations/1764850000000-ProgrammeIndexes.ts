import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The programme figures are computed on read. First-pass yield asks, per concluded rack, whether any
 * of its runs was judged FAIL: a partial index of the failed verdicts answers that without the heap.
 * Criterion distributions read the comparison covering index (metric, generation, unit, measured).
 */
export class ProgrammeIndexes1764850000000 implements MigrationInterface {
  name = 'ProgrammeIndexes1764850000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX verdict_failed_by_rack ON verdict (rack_serial) WHERE verdict = 'FAIL'`);
    await queryRunner.query(`CREATE INDEX verdict_programme ON verdict (generation) INCLUDE (verdict)`);
    await queryRunner.query(`CREATE INDEX rack_evaluation_programme ON rack_evaluation (generation) INCLUDE (outcome, rack_serial)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX rack_evaluation_programme`);
    await queryRunner.query(`DROP INDEX verdict_programme`);
    await queryRunner.query(`DROP INDEX verdict_failed_by_rack`);
  }
}
