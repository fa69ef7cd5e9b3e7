import { appendOnly } from '@rackeval/platform';
import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Terms are four-eyes: a version is proposed (`option_terms`) and takes effect only when another
 * finance or admin user approves it (`option_terms_review`, one decision per version). Both tables
 * are append-only. Identities are kept as issuer + subject beside the username shown.
 */
export class TermsFourEyes1764600000000 implements MigrationInterface {
  name = 'TermsFourEyes1764600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE option_terms ADD COLUMN proposed_by_id text`);
    await queryRunner.query(`
      CREATE TABLE option_terms_review (
        generation     text NOT NULL,
        version        integer NOT NULL,
        approved       boolean NOT NULL,
        reviewed_by    text NOT NULL,
        reviewed_by_id text NOT NULL,
        note           text NOT NULL,
        reviewed_at    timestamptz NOT NULL,
        PRIMARY KEY (generation, version),
        FOREIGN KEY (generation, version) REFERENCES option_terms (generation, version)
      )`);
    // Versions published before this rule were in effect; they stay so.
    await queryRunner.query(`
      INSERT INTO option_terms_review (generation, version, approved, reviewed_by, reviewed_by_id, note, reviewed_at)
      SELECT generation, version, true, 'rackeval', 'rackeval|migration', 'in effect before terms needed a second approver', now()
        FROM option_terms`);
    await queryRunner.query(
      `CREATE TRIGGER option_terms_review_append_only BEFORE UPDATE OR DELETE ON option_terms_review FOR EACH ROW EXECUTE FUNCTION refuse_history_rewrite()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER option_terms_review_no_truncate BEFORE TRUNCATE ON option_terms_review FOR EACH STATEMENT EXECUTE FUNCTION refuse_history_rewrite()`,
    );
    await appendOnly(queryRunner, 'option_terms_review');
    await queryRunner.query(`ALTER TABLE option_audit ADD COLUMN actor_id text`);
    await queryRunner.query(`
      ALTER TABLE purchase_option
        ADD COLUMN requested_by_id     text,
        ADD COLUMN decided_by_id       text,
        ADD COLUMN approved_by_id      text,
        ADD COLUMN last_rejection_by_id text`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE purchase_option
        DROP COLUMN last_rejection_by_id,
        DROP COLUMN approved_by_id,
        DROP COLUMN decided_by_id,
        DROP COLUMN requested_by_id`);
    await queryRunner.query(`ALTER TABLE option_audit DROP COLUMN actor_id`);
    await queryRunner.query(`DROP TABLE option_terms_review`);
    await queryRunner.query(`ALTER TABLE option_terms DROP COLUMN proposed_by_id`);
  }
}
