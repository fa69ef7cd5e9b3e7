import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The outbox and inbox tables every service keeps in its own schema. Services list this
 * migration beside their own; the connection's search_path is the service schema.
 */
export class MessagingTables1764028800000 implements MigrationInterface {
  name = 'MessagingTables1764028800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE outbox_message (
        seq           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        event_id      text NOT NULL UNIQUE,
        event_type    text NOT NULL,
        topic         text NOT NULL,
        partition_key text NOT NULL,
        headers       jsonb NOT NULL,
        payload       text NOT NULL,
        created_at    timestamptz NOT NULL DEFAULT now(),
        published_at  timestamptz
      )`);
    await queryRunner.query(`CREATE INDEX outbox_message_unpublished ON outbox_message (seq) WHERE published_at IS NULL`);
    await queryRunner.query(`
      CREATE TABLE inbox_event (
        event_id     text PRIMARY KEY,
        event_type   text NOT NULL,
        source       text NOT NULL,
        topic        text NOT NULL,
        partition    integer NOT NULL,
        kafka_offset bigint NOT NULL,
        processed_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE inbox_event`);
    await queryRunner.query(`DROP TABLE outbox_message`);
  }
}
