import { MigrationInterface, QueryRunner } from 'typeorm';

/** Holds and withdrawals on the rack, and the local read model of each rack's option state (from purchase-option's events). */
export class RackHoldsAndKnownOptions1764873000000 implements MigrationInterface {
  name = 'RackHoldsAndKnownOptions1764873000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE rack
        ADD COLUMN held_from    text,
        ADD COLUMN hold_reason  text,
        ADD COLUMN held_by      text,
        ADD COLUMN held_at      timestamptz,
        ADD COLUMN withdrawn_at timestamptz,
        ADD CONSTRAINT rack_hold_complete CHECK ((state = 'ON_HOLD') = (held_from IS NOT NULL))`);
    await queryRunner.query(`
      CREATE TABLE known_option (
        rack_serial   text PRIMARY KEY,
        state         text NOT NULL,
        last_event_at timestamptz NOT NULL
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE known_option`);
    await queryRunner.query(`
      ALTER TABLE rack DROP CONSTRAINT rack_hold_complete,
        DROP COLUMN held_from, DROP COLUMN hold_reason, DROP COLUMN held_by, DROP COLUMN held_at, DROP COLUMN withdrawn_at`);
  }
}
