import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reminder webhooks. A reminder is claimed by inserting its row: the unique key (option, kind,
 * threshold, occurrence) makes it happen once whatever the number of instances. Delivery is
 * leased (lease_until) so one instance posts at a time, and every attempt is logged.
 */
export class Reminders1764920000000 implements MigrationInterface {
  name = 'Reminders1764920000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE reminder (
        id               bigserial PRIMARY KEY,
        rack_serial      text NOT NULL,
        kind             text NOT NULL CHECK (kind IN ('OPTION_EXPIRING', 'APPROVAL_WAITING')),
        threshold_days   integer NOT NULL,
        occurrence       timestamptz NOT NULL,
        payload          jsonb NOT NULL,
        state            text NOT NULL DEFAULT 'PENDING' CHECK (state IN ('PENDING', 'DELIVERED', 'FAILED')),
        attempts         integer NOT NULL DEFAULT 0,
        next_attempt_at  timestamptz NOT NULL DEFAULT now(),
        lease_owner      text,
        lease_until      timestamptz,
        claimed_by       text NOT NULL,
        created_at       timestamptz NOT NULL DEFAULT now(),
        delivered_at     timestamptz,
        CONSTRAINT reminder_once UNIQUE (rack_serial, kind, threshold_days, occurrence)
      )`);
    await queryRunner.query(`CREATE INDEX reminder_due ON reminder (next_attempt_at) WHERE state = 'PENDING'`);
    await queryRunner.query(`
      CREATE TABLE reminder_delivery (
        id             bigserial PRIMARY KEY,
        reminder_id    bigint NOT NULL REFERENCES reminder (id),
        attempt        integer NOT NULL,
        attempted_at   timestamptz NOT NULL,
        instance       text NOT NULL,
        url            text NOT NULL,
        status_code    integer,
        error          text,
        duration_ms    integer NOT NULL,
        outcome        text NOT NULL CHECK (outcome IN ('DELIVERED', 'RETRY', 'GAVE_UP'))
      )`);
    await queryRunner.query(`CREATE INDEX reminder_delivery_reminder ON reminder_delivery (reminder_id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE reminder_delivery`);
    await queryRunner.query(`DROP TABLE reminder`);
  }
}
