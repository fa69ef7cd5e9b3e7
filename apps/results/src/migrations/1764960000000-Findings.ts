import { appendOnly } from '@rackeval/platform';
import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Findings (a failed criterion or diagnosis, or a person's report, followed to a fix), their
 * append-only history, the evidence attached to findings and runs, and the read model of intake's
 * racks that findings need: generation, lot and BOM lines (null when intake's event carried none).
 */
export class Findings1764960000000 implements MigrationInterface {
  name = 'Findings1764960000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE finding_rack (
        rack_serial text PRIMARY KEY,
        generation  text NOT NULL,
        lot         text NOT NULL,
        bom         jsonb,
        updated_at  timestamptz NOT NULL
      )`);
    await queryRunner.query(`
      CREATE TABLE finding (
        id            uuid PRIMARY KEY,
        source_key    text UNIQUE,
        origin        text NOT NULL CHECK (origin IN ('CRITERION', 'DIAGNOSIS', 'RUN', 'MANUAL')),
        rack_serial   text NOT NULL,
        generation    text NOT NULL,
        lot           text,
        run_id        uuid,
        criterion     text,
        diagnosis     text,
        title         text NOT NULL,
        failure_class text,
        component     jsonb,
        part_number   text,
        owner         text,
        state         text NOT NULL CHECK (state IN ('OPEN', 'TRIAGED', 'REPORTED_TO_MANUFACTURER', 'FIX_PROPOSED', 'VERIFIED', 'WONT_FIX')),
        group_key     text NOT NULL,
        version       integer NOT NULL DEFAULT 1,
        opened_by     text NOT NULL,
        opened_at     timestamptz NOT NULL,
        updated_at    timestamptz NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX finding_list_idx ON finding (opened_at DESC, id DESC)`);
    await queryRunner.query(`CREATE INDEX finding_generation_idx ON finding (generation, state)`);
    await queryRunner.query(`CREATE INDEX finding_group_idx ON finding (group_key)`);
    await queryRunner.query(`CREATE INDEX finding_run_idx ON finding (run_id)`);
    await queryRunner.query(`CREATE INDEX finding_lot_unknown_idx ON finding (rack_serial) WHERE lot IS NULL`);
    await queryRunner.query(`
      CREATE TABLE finding_history (
        id          bigserial PRIMARY KEY,
        finding_id  uuid NOT NULL REFERENCES finding (id),
        action      text NOT NULL,
        from_state  text,
        to_state    text NOT NULL,
        actor       text NOT NULL,
        at          timestamptz NOT NULL,
        note        text,
        changes     jsonb NOT NULL DEFAULT '{}'
      )`);
    await queryRunner.query(`CREATE INDEX finding_history_finding_idx ON finding_history (finding_id, id)`);
    await queryRunner.query(`
      CREATE TABLE attachment (
        id          uuid PRIMARY KEY,
        subject     text NOT NULL CHECK (subject IN ('FINDING', 'RUN')),
        subject_id  uuid NOT NULL,
        rack_serial text NOT NULL,
        filename    text NOT NULL,
        media_type  text NOT NULL,
        size_bytes  bigint NOT NULL CHECK (size_bytes >= 0),
        sha256      text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        object_key  text NOT NULL,
        uploaded_by text NOT NULL,
        uploaded_at timestamptz NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX attachment_subject_idx ON attachment (subject, subject_id, uploaded_at, id)`);
    // Evidence and history are appended, never changed.
    await appendOnly(queryRunner, 'finding_history');
    await appendOnly(queryRunner, 'attachment');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE attachment`);
    await queryRunner.query(`DROP TABLE finding_history`);
    await queryRunner.query(`DROP TABLE finding`);
    await queryRunner.query(`DROP TABLE finding_rack`);
  }
}
