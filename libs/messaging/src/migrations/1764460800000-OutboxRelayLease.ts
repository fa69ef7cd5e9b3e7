import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The relay's lease: one instance of a service publishes its outbox at a time, and only while its
 * lease is fresh. A frozen or dead holder loses it when it expires, so another instance takes over.
 */
export class OutboxRelayLease1764460800000 implements MigrationInterface {
  name = 'OutboxRelayLease1764460800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE outbox_relay_lease (
        name        text PRIMARY KEY,
        holder      text NOT NULL,
        acquired_at timestamptz NOT NULL DEFAULT now(),
        expires_at  timestamptz NOT NULL
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE outbox_relay_lease`);
  }
}
