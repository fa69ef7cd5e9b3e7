import { MigrationInterface, QueryRunner } from 'typeorm';

/** Read models of intake's generations and racks, test plans, bays, runs and their transitions. */
export class TestRunTables1764200000000 implements MigrationInterface {
  name = 'TestRunTables1764200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE known_generation (
        code          text PRIMARY KEY,
        name          text NOT NULL,
        registered_at timestamptz NOT NULL
      )`);
    await queryRunner.query(`
      CREATE TABLE known_rack (
        serial     text PRIMARY KEY,
        generation text NOT NULL,
        state      text NOT NULL,
        site       text,
        updated_at timestamptz NOT NULL
      )`);
    await queryRunner.query(`
      CREATE TABLE test_plan (
        generation   text NOT NULL,
        version      integer NOT NULL CHECK (version >= 1),
        suites       jsonb NOT NULL,
        published_at timestamptz NOT NULL,
        published_by text NOT NULL,
        PRIMARY KEY (generation, version)
      )`);
    await queryRunner.query(`
      CREATE TABLE bay (
        code       text PRIMARY KEY,
        site       text NOT NULL,
        created_at timestamptz NOT NULL,
        created_by text NOT NULL
      )`);
    await queryRunner.query(`
      CREATE TABLE run (
        id           uuid PRIMARY KEY,
        seq          bigserial NOT NULL UNIQUE,
        rack_serial  text NOT NULL,
        generation   text NOT NULL,
        suite        text NOT NULL,
        suite_name   text NOT NULL,
        attempt      integer NOT NULL CHECK (attempt >= 1),
        max_attempts integer NOT NULL CHECK (max_attempts >= 1),
        required     boolean NOT NULL,
        plan_version integer NOT NULL,
        metrics      jsonb NOT NULL,
        bay          text NOT NULL REFERENCES bay (code),
        site         text NOT NULL,
        state        text NOT NULL CHECK (state IN ('SCHEDULED', 'RUNNING', 'COMPLETED', 'ABORTED')),
        version      integer NOT NULL DEFAULT 1,
        scheduled_at timestamptz NOT NULL,
        scheduled_by text NOT NULL,
        started_at   timestamptz,
        started_by   text,
        completed_at timestamptz,
        completed_by text,
        aborted_at   timestamptz,
        aborted_by   text,
        abort_reason text
      )`);
    // The concurrency backstops of the scheduling rules; created before run_attempt so a race on one
    // rack reports the active-run rule. Finished runs drop out of the partial indexes by themselves.
    await queryRunner.query(`CREATE UNIQUE INDEX run_one_active_per_rack ON run (rack_serial) WHERE state IN ('SCHEDULED', 'RUNNING')`);
    await queryRunner.query(`CREATE UNIQUE INDEX run_one_active_per_bay ON run (bay) WHERE state IN ('SCHEDULED', 'RUNNING')`);
    await queryRunner.query(`CREATE UNIQUE INDEX run_attempt ON run (rack_serial, suite, attempt)`);
    await queryRunner.query(`CREATE INDEX run_generation_state ON run (generation, state)`);
    await queryRunner.query(`
      CREATE TABLE run_transition (
        id         bigserial PRIMARY KEY,
        run_id     uuid NOT NULL REFERENCES run (id),
        from_state text,
        to_state   text NOT NULL,
        actor      text NOT NULL,
        at         timestamptz NOT NULL,
        reason     text
      )`);
    await queryRunner.query(`CREATE INDEX run_transition_run ON run_transition (run_id, id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE run_transition`);
    await queryRunner.query(`DROP TABLE run`);
    await queryRunner.query(`DROP TABLE bay`);
    await queryRunner.query(`DROP TABLE test_plan`);
    await queryRunner.query(`DROP TABLE known_rack`);
    await queryRunner.query(`DROP TABLE known_generation`);
  }
}
