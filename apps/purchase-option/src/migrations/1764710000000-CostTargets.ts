import { appendOnly } from '@rackeval/platform';
import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Cost targets per generation, four-eyes like terms: a version is proposed (`cost_targets`) and
 * takes effect only when another finance or admin user approves it (`cost_targets_review`, one
 * decision per version). Both are append-only. Each target may be left out (null); the energy
 * price, PUE and horizon come together (they make the TCO).
 *
 * The evaluation read model gains the power measured in the run that measured performance (kW),
 * which performance per watt and the TCO use; evaluations recorded before this have none.
 */
export class CostTargets1764710000000 implements MigrationInterface {
  name = 'CostTargets1764710000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE cost_targets (
        generation                      text NOT NULL,
        version                         integer NOT NULL CHECK (version > 0),
        currency                        char(3) NOT NULL,
        performance_unit                text,
        max_unit_price                  numeric,
        max_price_per_performance_unit  numeric,
        energy_price_per_kwh            numeric,
        pue                             numeric,
        horizon_years                   numeric,
        max_tco_per_performance_unit    numeric,
        note                            text,
        proposed_by                     text NOT NULL,
        proposed_by_id                  text NOT NULL,
        proposed_at                     timestamptz NOT NULL,
        PRIMARY KEY (generation, version),
        CHECK ((energy_price_per_kwh IS NULL) = (pue IS NULL) AND (pue IS NULL) = (horizon_years IS NULL)),
        CHECK (max_tco_per_performance_unit IS NULL OR energy_price_per_kwh IS NOT NULL)
      )`);
    await queryRunner.query(`
      CREATE TABLE cost_targets_review (
        generation     text NOT NULL,
        version        integer NOT NULL,
        approved       boolean NOT NULL,
        reviewed_by    text NOT NULL,
        reviewed_by_id text NOT NULL,
        note           text NOT NULL,
        reviewed_at    timestamptz NOT NULL,
        PRIMARY KEY (generation, version),
        FOREIGN KEY (generation, version) REFERENCES cost_targets (generation, version)
      )`);
    for (const table of ['cost_targets', 'cost_targets_review']) {
      await queryRunner.query(`CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION refuse_history_rewrite()`);
      await queryRunner.query(`CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION refuse_history_rewrite()`);
      await appendOnly(queryRunner, table);
    }
    await queryRunner.query(`ALTER TABLE rack_evaluation ADD COLUMN performance_run_power jsonb`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE rack_evaluation DROP COLUMN performance_run_power`);
    await queryRunner.query(`DROP TABLE cost_targets_review`);
    await queryRunner.query(`DROP TABLE cost_targets`);
  }
}
