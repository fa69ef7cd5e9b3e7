import { MigrationInterface, QueryRunner } from 'typeorm';

export class ResultsSchema1764200000000 implements MigrationInterface {
  name = 'ResultsSchema1764200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE criteria_version (
        generation text NOT NULL,
        version    integer NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        created_by text NOT NULL,
        PRIMARY KEY (generation, version)
      )`);
    await queryRunner.query(`
      CREATE TABLE criterion (
        generation  text NOT NULL,
        version     integer NOT NULL,
        position    integer NOT NULL,
        metric      text NOT NULL,
        unit        text NOT NULL,
        comparator  text NOT NULL CHECK (comparator IN ('gte', 'lte', 'between')),
        min         double precision,
        max         double precision,
        required    boolean NOT NULL,
        category    text NOT NULL,
        aggregation text NOT NULL,
        PRIMARY KEY (generation, version, metric),
        FOREIGN KEY (generation, version) REFERENCES criteria_version (generation, version)
      )`);
    await queryRunner.query(`
      CREATE TABLE test_plan (
        generation   text NOT NULL,
        version      integer NOT NULL,
        suites       jsonb NOT NULL,
        published_at timestamptz NOT NULL,
        PRIMARY KEY (generation, version)
      )`);
    await queryRunner.query(`
      CREATE TABLE run (
        run_id           uuid PRIMARY KEY,
        rack_serial      text NOT NULL,
        generation       text NOT NULL,
        suite            text NOT NULL,
        attempt          integer NOT NULL,
        max_attempts     integer NOT NULL,
        required         boolean NOT NULL,
        plan_version     integer NOT NULL,
        metrics          text[] NOT NULL,
        bay              text NOT NULL,
        site             text NOT NULL,
        state            text NOT NULL,
        criteria_version integer,
        started_at       timestamptz,
        ended_at         timestamptz,
        abort_reason     text,
        row_version      integer NOT NULL DEFAULT 1
      )`);
    await queryRunner.query(`CREATE INDEX run_rack_idx ON run (rack_serial)`);
    await queryRunner.query(`
      CREATE TABLE run_transition (
        id         bigserial PRIMARY KEY,
        run_id     uuid NOT NULL REFERENCES run (run_id),
        from_state text,
        to_state   text NOT NULL,
        at         timestamptz NOT NULL,
        actor      text NOT NULL,
        event_id   text NOT NULL
      )`);
    await queryRunner.query(`
      CREATE TABLE measurement_correction (
        id         bigserial PRIMARY KEY,
        run_id     uuid NOT NULL REFERENCES run (run_id),
        metric     text NOT NULL,
        component  text,
        reason     text NOT NULL,
        actor      text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    // Rows are never updated except to mark them superseded by a correction; values stay as written.
    await queryRunner.query(`
      CREATE TABLE measurement (
        id             bigserial PRIMARY KEY,
        run_id         uuid NOT NULL REFERENCES run (run_id),
        metric         text NOT NULL,
        value          double precision NOT NULL,
        unit           text NOT NULL,
        original_value double precision NOT NULL,
        original_unit  text NOT NULL,
        component      text,
        observed_at    timestamptz,
        recorded_at    timestamptz NOT NULL DEFAULT now(),
        recorded_by    text NOT NULL,
        source         text NOT NULL,
        correction_id  bigint REFERENCES measurement_correction (id),
        superseded_by  bigint REFERENCES measurement_correction (id)
      )`);
    await queryRunner.query(`CREATE INDEX measurement_current_idx ON measurement (run_id, metric) WHERE superseded_by IS NULL`);
    await queryRunner.query(`
      CREATE TABLE verdict (
        run_id           uuid PRIMARY KEY REFERENCES run (run_id),
        rack_serial      text NOT NULL,
        generation       text NOT NULL,
        suite            text NOT NULL,
        attempt          integer NOT NULL,
        criteria_version integer NOT NULL,
        verdict          text NOT NULL CHECK (verdict IN ('PASS', 'FAIL')),
        revision         integer NOT NULL,
        judged_at        timestamptz NOT NULL
      )`);
    await queryRunner.query(`
      CREATE TABLE verdict_criterion (
        run_id     uuid NOT NULL REFERENCES verdict (run_id) ON DELETE CASCADE,
        position   integer NOT NULL,
        generation text NOT NULL,
        metric     text NOT NULL,
        unit       text NOT NULL,
        comparator text NOT NULL,
        min        double precision,
        max        double precision,
        aggregation text NOT NULL,
        category   text NOT NULL,
        required   boolean NOT NULL,
        samples    integer NOT NULL,
        measured   double precision,
        result     text NOT NULL,
        reason     text,
        PRIMARY KEY (run_id, metric)
      )`);
    await queryRunner.query(`CREATE INDEX verdict_criterion_metric_idx ON verdict_criterion (metric, generation)`);
    await queryRunner.query(`
      CREATE TABLE rack_evaluation (
        rack_serial    text PRIMARY KEY,
        generation     text NOT NULL,
        outcome        text NOT NULL CHECK (outcome IN ('PASSED', 'FAILED')),
        criteria_met   integer NOT NULL,
        criteria_total integer NOT NULL,
        summary        jsonb NOT NULL,
        concluded_at   timestamptz NOT NULL
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'rack_evaluation',
      'verdict_criterion',
      'verdict',
      'measurement',
      'measurement_correction',
      'run_transition',
      'run',
      'test_plan',
      'criterion',
      'criteria_version',
    ]) {
      await queryRunner.query(`DROP TABLE ${table}`);
    }
  }
}
