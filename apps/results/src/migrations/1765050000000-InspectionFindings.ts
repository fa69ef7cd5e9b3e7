import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An inspection that quarantined or rejected a rack opens findings (origin INSPECTION), one per
 * failed check. The inspection and the check are kept on the finding: the check groups similar
 * inspection problems together, also after triage recomputes the group key.
 */
export class InspectionFindings1765050000000 implements MigrationInterface {
  name = 'InspectionFindings1765050000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE finding DROP CONSTRAINT finding_origin_check`);
    await queryRunner.query(
      `ALTER TABLE finding ADD CONSTRAINT finding_origin_check CHECK (origin IN ('CRITERION', 'DIAGNOSIS', 'RUN', 'MANUAL', 'INSPECTION'))`,
    );
    await queryRunner.query(`ALTER TABLE finding ADD COLUMN inspection_id text, ADD COLUMN inspection_check text`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE finding DROP COLUMN inspection_check, DROP COLUMN inspection_id`);
    await queryRunner.query(`ALTER TABLE finding DROP CONSTRAINT finding_origin_check`);
    // NOT VALID: findings already opened by inspections stay as they are.
    await queryRunner.query(
      `ALTER TABLE finding ADD CONSTRAINT finding_origin_check CHECK (origin IN ('CRITERION', 'DIAGNOSIS', 'RUN', 'MANUAL')) NOT VALID`,
    );
  }
}
