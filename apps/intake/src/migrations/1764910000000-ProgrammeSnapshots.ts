import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The programme figures kept as a read model: aggregating the whole fleet on every read costs
 * hundreds of milliseconds at 75,000 racks, so each key's figures are stored with the time they
 * were computed and recomputed when older than a few seconds (SnapshotRepository).
 */
export class ProgrammeSnapshots1764910000000 implements MigrationInterface {
  name = 'ProgrammeSnapshots1764910000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE programme_snapshot (key text PRIMARY KEY, body jsonb NOT NULL, computed_at timestamptz NOT NULL)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE programme_snapshot`);
  }
}
