import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An OCPTV `file` artifact whose file came with the upload (multipart) names the run's attachment
 * holding its bytes; one without stays a reference (uri only). Artifacts are written once, with
 * their attachment, in the upload's transaction.
 */
export class OcptvFileAttachments1765020000000 implements MigrationInterface {
  name = 'OcptvFileAttachments1765020000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE run_artifact ADD COLUMN attachment_id uuid REFERENCES attachment (id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE run_artifact DROP COLUMN attachment_id`);
  }
}
