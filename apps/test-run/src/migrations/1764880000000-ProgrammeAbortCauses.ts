import { MigrationInterface, QueryRunner } from 'typeorm';

/** Aborts per generation and cause (programme figures) from the index alone. */
export class ProgrammeAbortCauses1764880000000 implements MigrationInterface {
  name = 'ProgrammeAbortCauses1764880000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX run_programme_abort_causes ON run (generation, abort_cause) WHERE state = 'ABORTED'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX run_programme_abort_causes`);
  }
}
