import { MigrationInterface, QueryRunner } from 'typeorm';

/** The time of the last intake event applied to each known rack, so a late (replayed) event cannot move it backwards. */
export class KnownRackEventTime1764460800000 implements MigrationInterface {
  name = 'KnownRackEventTime1764460800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE known_rack ADD COLUMN last_event_at timestamptz`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE known_rack DROP COLUMN last_event_at`);
  }
}
