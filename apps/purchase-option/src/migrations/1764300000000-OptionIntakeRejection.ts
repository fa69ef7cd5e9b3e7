import { MigrationInterface, QueryRunner } from 'typeorm';

/** Why and when intake rejected a rack: the option's verdict when no evaluation will ever come. */
export class OptionIntakeRejection1764300000000 implements MigrationInterface {
  name = 'OptionIntakeRejection1764300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE purchase_option
        ADD COLUMN intake_rejection_reason text,
        ADD COLUMN intake_rejected_at      timestamptz,
        ADD CONSTRAINT purchase_option_intake_rejection_complete
          CHECK ((intake_rejection_reason IS NULL) = (intake_rejected_at IS NULL))`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE purchase_option
        DROP CONSTRAINT purchase_option_intake_rejection_complete,
        DROP COLUMN intake_rejected_at,
        DROP COLUMN intake_rejection_reason`);
  }
}
