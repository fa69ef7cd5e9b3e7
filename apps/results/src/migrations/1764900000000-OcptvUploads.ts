import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Resumable OCPTV uploads: one row per (run, file digest) holding how much of the file is stored
 * (bytes and lines, advanced in the same transaction as the chunk's measurements) and the parser's
 * state at that point, so a client cut off resumes from the committed offset and nothing is stored twice.
 */
export class OcptvUploads1764900000000 implements MigrationInterface {
  name = 'OcptvUploads1764900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE ocptv_upload (
        id              uuid PRIMARY KEY,
        run_id          uuid NOT NULL,
        sha256          char(64) NOT NULL,
        total_bytes     bigint,
        state           text NOT NULL DEFAULT 'OPEN' CHECK (state IN ('OPEN', 'COMPLETE')),
        committed_bytes bigint NOT NULL DEFAULT 0,
        committed_lines bigint NOT NULL DEFAULT 0,
        measurements    bigint NOT NULL DEFAULT 0,
        chunks          integer NOT NULL DEFAULT 0,
        parser_state    jsonb,
        rejudged        boolean NOT NULL DEFAULT false,
        created_by      text NOT NULL,
        created_at      timestamptz NOT NULL DEFAULT now(),
        updated_at      timestamptz NOT NULL DEFAULT now(),
        completed_at    timestamptz,
        UNIQUE (run_id, sha256)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE ocptv_upload`);
  }
}
