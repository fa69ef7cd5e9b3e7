import { appendOnly } from '@rackeval/platform';
import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An evaluation may be re-opened and concluded again, and every run verdict re-judged by a
 * correction: the earlier verdicts stay as revisions (append-only). Results also learns the
 * generations and each rack's standing (rack and option state) from intake's and
 * purchase-option's events: criteria need a known generation, and re-opens and corrections are
 * allowed only until the option ends.
 */
export class EvaluationRevisions1764800000000 implements MigrationInterface {
  name = 'EvaluationRevisions1764800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE rack_evaluation
        ADD COLUMN revision integer NOT NULL DEFAULT 1,
        ADD COLUMN status text NOT NULL DEFAULT 'CONCLUDED' CHECK (status IN ('CONCLUDED', 'REOPENED'))`);
    await queryRunner.query(`
      CREATE TABLE evaluation_verdict (
        rack_serial    text NOT NULL,
        revision       integer NOT NULL,
        generation     text NOT NULL,
        outcome        text NOT NULL CHECK (outcome IN ('PASSED', 'FAILED')),
        criteria_met   integer NOT NULL,
        criteria_total integer NOT NULL,
        summary        jsonb NOT NULL,
        concluded_at   timestamptz NOT NULL,
        PRIMARY KEY (rack_serial, revision)
      )`);
    await queryRunner.query(`
      INSERT INTO evaluation_verdict (rack_serial, revision, generation, outcome, criteria_met, criteria_total, summary, concluded_at)
      SELECT rack_serial, 1, generation, outcome, criteria_met, criteria_total, summary, concluded_at FROM rack_evaluation`);
    await queryRunner.query(`
      CREATE TABLE evaluation_reopening (
        rack_serial    text NOT NULL,
        revision       integer NOT NULL,
        cause          text NOT NULL CHECK (cause IN ('ADMIN', 'CORRECTION')),
        reason         text NOT NULL,
        actor          text NOT NULL,
        extra_attempts integer NOT NULL,
        suites         jsonb NOT NULL,
        reopened_at    timestamptz NOT NULL,
        PRIMARY KEY (rack_serial, revision)
      )`);
    await queryRunner.query(`ALTER TABLE verdict ADD COLUMN reason text`);
    await queryRunner.query(`
      CREATE TABLE verdict_revision (
        run_id           uuid NOT NULL REFERENCES run (run_id),
        revision         integer NOT NULL,
        verdict          text NOT NULL CHECK (verdict IN ('PASS', 'FAIL')),
        criteria_version integer NOT NULL,
        reason           text,
        criteria         jsonb NOT NULL,
        judged_at        timestamptz NOT NULL,
        PRIMARY KEY (run_id, revision)
      )`);
    // The current revision of every verdict so far; the ones it replaced were overwritten before this table existed.
    await queryRunner.query(`
      INSERT INTO verdict_revision (run_id, revision, verdict, criteria_version, criteria, judged_at)
      SELECT v.run_id, v.revision, v.verdict, v.criteria_version,
             coalesce((SELECT jsonb_agg(jsonb_build_object('metric', c.metric, 'unit', c.unit, 'comparator', c.comparator, 'min', c.min,
                         'max', c.max, 'aggregation', c.aggregation, 'category', c.category, 'required', c.required, 'samples', c.samples,
                         'measured', c.measured, 'result', c.result, 'reason', c.reason) ORDER BY c.position)
                       FROM verdict_criterion c WHERE c.run_id = v.run_id), '[]'::jsonb),
             v.judged_at
      FROM verdict v`);
    await queryRunner.query(`
      CREATE TABLE known_generation (
        code          text PRIMARY KEY,
        cooling       text,
        registered_at timestamptz NOT NULL
      )`);
    // Generations that already have criteria or plans here were accepted before this guard existed.
    await queryRunner.query(`
      INSERT INTO known_generation (code, registered_at)
      SELECT generation, min(at) FROM (
        SELECT generation, created_at AS at FROM criteria_version UNION ALL SELECT generation, published_at FROM test_plan
      ) g GROUP BY generation`);
    await queryRunner.query(`
      CREATE TABLE rack_standing (
        rack_serial  text PRIMARY KEY,
        rack_state   text,
        option_state text,
        updated_at   timestamptz NOT NULL
      )`);
    for (const table of ['evaluation_verdict', 'evaluation_reopening', 'verdict_revision']) await appendOnly(queryRunner, table);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['rack_standing', 'known_generation', 'verdict_revision', 'evaluation_reopening', 'evaluation_verdict']) {
      await queryRunner.query(`DROP TABLE ${table}`);
    }
    await queryRunner.query(`ALTER TABLE verdict DROP COLUMN reason`);
    await queryRunner.query(`ALTER TABLE rack_evaluation DROP COLUMN status, DROP COLUMN revision`);
  }
}
