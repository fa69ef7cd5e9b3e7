import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A rack that comes back from an RMA under its serial is that serial's next incarnation (1 is the
 * unit as first delivered): the option, the kept evaluation and every audit line say which one they
 * concern, so facts about an older incarnation are recognised and history stays readable per unit.
 * `rack_rma` is what finance sees of intake's RMAs: when each rack left for the manufacturer and
 * when (and as which incarnation) it came back.
 */
export class OptionIncarnations1765000000000 implements MigrationInterface {
  name = 'OptionIncarnations1765000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE purchase_option ADD COLUMN incarnation integer NOT NULL DEFAULT 1 CHECK (incarnation >= 1)`);
    await queryRunner.query(`ALTER TABLE rack_evaluation ADD COLUMN incarnation integer NOT NULL DEFAULT 1 CHECK (incarnation >= 1)`);
    // Adding a column is the owner's DDL, not an UPDATE: the append-only trigger is not involved.
    await queryRunner.query(`ALTER TABLE option_audit ADD COLUMN incarnation integer NOT NULL DEFAULT 1`);
    await queryRunner.query(`
      CREATE TABLE rack_rma (
        rack_serial        text NOT NULL,
        rma_id             uuid NOT NULL,
        rma_number         text NOT NULL,
        shipped_at         timestamptz,
        received_at        timestamptz,
        incarnation_after  integer CHECK (incarnation_after >= 2),
        return_kind        text CHECK (return_kind IN ('REPAIRED', 'REPLACED')),
        replaced_by        text,
        recorded_at        timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (rack_serial, rma_id)
      )`);
    // Racks at the manufacturer (shipped, not back): the `withRma=open` list.
    await queryRunner.query(`CREATE INDEX rack_rma_open ON rack_rma (rack_serial) WHERE received_at IS NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE rack_rma`);
    await queryRunner.query(`ALTER TABLE option_audit DROP COLUMN incarnation`);
    await queryRunner.query(`ALTER TABLE rack_evaluation DROP COLUMN incarnation`);
    await queryRunner.query(`ALTER TABLE purchase_option DROP COLUMN incarnation`);
  }
}
