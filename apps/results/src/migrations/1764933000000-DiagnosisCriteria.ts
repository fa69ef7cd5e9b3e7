import { appendOnly } from '@rackeval/platform';
import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Acceptance criteria on a run's OCPTV diagnoses, versioned with the metric criteria (append-only
 * like them), and their outcome kept with each verdict and verdict revision.
 */
export class DiagnosisCriteria1764933000000 implements MigrationInterface {
  name = 'DiagnosisCriteria1764933000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE diagnosis_criterion (
        generation       text NOT NULL,
        version          integer NOT NULL,
        position         integer NOT NULL,
        symptom          text,
        hardware_info_id text,
        require_pass     boolean NOT NULL,
        fail_on_unknown  boolean NOT NULL,
        suites           text[],
        required         boolean NOT NULL,
        category         text NOT NULL,
        PRIMARY KEY (generation, version, position),
        FOREIGN KEY (generation, version) REFERENCES criteria_version (generation, version)
      )`);
    await appendOnly(queryRunner, 'diagnosis_criterion');
    await queryRunner.query(`ALTER TABLE verdict ADD COLUMN diagnosis_criteria jsonb NOT NULL DEFAULT '[]'::jsonb`);
    await queryRunner.query(`ALTER TABLE verdict_revision ADD COLUMN diagnosis_criteria jsonb NOT NULL DEFAULT '[]'::jsonb`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE verdict_revision DROP COLUMN diagnosis_criteria`);
    await queryRunner.query(`ALTER TABLE verdict DROP COLUMN diagnosis_criteria`);
    await queryRunner.query(`DROP TABLE diagnosis_criterion`);
  }
}
