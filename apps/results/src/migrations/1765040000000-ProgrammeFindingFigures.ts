import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The programme figures gain findings by lot and by supplier. The stored snapshots have the old
 * shape: they are dropped so the first read computes the new one. The figures need no index: they
 * count every finding once, reading finding_rack by its key.
 */
export class ProgrammeFindingFigures1765040000000 implements MigrationInterface {
  name = 'ProgrammeFindingFigures1765040000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM programme_snapshot WHERE key LIKE 'figures:%'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM programme_snapshot WHERE key LIKE 'figures:%'`);
  }
}
