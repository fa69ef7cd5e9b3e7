import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * OCPTV artifacts other than numeric samples, kept per run: boolean, string and unit-less
 * measurements (with their validators' outcome), diagnoses, logs, errors and file references, and
 * the run's DUT inventory. Numeric samples stay in `measurement` (a double column, so criteria and
 * statistics stay fast); this table is read per run and kind, never aggregated across runs.
 */
export class RunArtifacts1764920000000 implements MigrationInterface {
  name = 'RunArtifacts1764920000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE run_artifact (
        id               bigserial PRIMARY KEY,
        run_id           uuid NOT NULL REFERENCES run (run_id),
        kind             text NOT NULL CHECK (kind IN ('MEASUREMENT', 'DIAGNOSIS', 'LOG', 'ERROR', 'FILE')),
        sequence         bigint NOT NULL,
        at               timestamptz NOT NULL,
        step_id          text,
        name             text,
        value            jsonb,
        unit             text,
        component        text,
        hardware_info_id text,
        level            text,
        message          text,
        uri              text,
        content_type     text,
        validators       jsonb,
        validation       text CHECK (validation IN ('PASS', 'FAIL')),
        in_measurements  boolean NOT NULL DEFAULT false,
        recorded_by      text NOT NULL,
        recorded_at      timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX run_artifact_run_kind_idx ON run_artifact (run_id, kind, level, id)`);
    await queryRunner.query(`
      CREATE TABLE run_dut_info (
        run_id      uuid PRIMARY KEY REFERENCES run (run_id),
        dut         jsonb NOT NULL,
        recorded_by text NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE run_dut_info`);
    await queryRunner.query(`DROP TABLE run_artifact`);
  }
}
