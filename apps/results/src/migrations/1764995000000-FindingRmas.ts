import { appendOnly } from '@rackeval/platform';
import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Findings follow the RMA that reports them: intake's rma.shipped links each finding it lists to
 * the RMA (a triaged one is reported to the manufacturer on it), and the unit's return under the
 * RMA proposes the fix of the findings still reported. Returns are kept (finding_rma_return) so
 * that a shipment read after the return (they are keyed differently, in no order between them)
 * still proposes the fix.
 */
export class FindingRmas1764995000000 implements MigrationInterface {
  name = 'FindingRmas1764995000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE finding ADD COLUMN rma_id uuid, ADD COLUMN rma_number text`);
    await queryRunner.query(`CREATE INDEX finding_rma_idx ON finding (rma_id, rack_serial) WHERE rma_id IS NOT NULL`);
    await queryRunner.query(`
      CREATE TABLE finding_rma_return (
        rma_id      uuid NOT NULL,
        rack_serial text NOT NULL,
        rma_number  text NOT NULL,
        incarnation integer NOT NULL,
        kind        text NOT NULL CHECK (kind IN ('REPAIRED', 'REPLACED')),
        actor       text NOT NULL,
        returned_at timestamptz NOT NULL,
        PRIMARY KEY (rma_id, rack_serial)
      )`);
    await appendOnly(queryRunner, 'finding_rma_return');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE finding_rma_return`);
    await queryRunner.query(`DROP INDEX finding_rma_idx`);
    await queryRunner.query(`ALTER TABLE finding DROP COLUMN rma_number, DROP COLUMN rma_id`);
  }
}
