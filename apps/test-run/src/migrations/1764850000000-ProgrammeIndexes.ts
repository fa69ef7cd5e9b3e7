import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The programme figures are computed on read: bay utilisation reads the runs scheduled before the
 * window's end with their times from this index alone; aborts per generation read their reasons
 * from the second.
 */
export class ProgrammeIndexes1764850000000 implements MigrationInterface {
  name = 'ProgrammeIndexes1764850000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX run_programme_window ON run (scheduled_at) INCLUDE (generation, started_at, completed_at, aborted_at)`);
    await queryRunner.query(`CREATE INDEX run_programme_aborts ON run (generation) INCLUDE (abort_reason) WHERE state = 'ABORTED'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX run_programme_aborts`);
    await queryRunner.query(`DROP INDEX run_programme_window`);
  }
}
