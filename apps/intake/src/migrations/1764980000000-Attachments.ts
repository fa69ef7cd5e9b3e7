import { appendOnly } from '@rackeval/platform';
import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Files attached to a delivery (photos of damage on arrival, the carrier's papers), an inspection
 * or an RMA (its packing list). One table for the three owners: the owner's kind and id (a
 * delivery's reference, an inspection's or an RMA's id), and for an inspection its rack. The bytes
 * are in the object store under `object_key`; rows are appended, never changed.
 */
export class Attachments1764980000000 implements MigrationInterface {
  name = 'Attachments1764980000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE attachment (
        id          uuid PRIMARY KEY,
        owner_kind  text NOT NULL CHECK (owner_kind IN ('DELIVERY', 'INSPECTION', 'RMA')),
        owner_id    text NOT NULL,
        rack_serial text REFERENCES rack (serial),
        filename    text NOT NULL,
        media_type  text NOT NULL,
        size_bytes  bigint NOT NULL CHECK (size_bytes >= 0),
        sha256      text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        object_key  text NOT NULL,
        uploaded_by text NOT NULL,
        uploaded_at timestamptz NOT NULL,
        CONSTRAINT attachment_inspection_rack CHECK ((owner_kind = 'INSPECTION') = (rack_serial IS NOT NULL))
      )`);
    await queryRunner.query(`CREATE INDEX attachment_owner ON attachment (owner_kind, owner_id, uploaded_at, id)`);
    // Evidence is appended, never changed: the runtime role keeps only INSERT and SELECT.
    await appendOnly(queryRunner, 'attachment');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE attachment`);
  }
}
