import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Units coming back from an RMA. A rack's serial has an incarnation (1 as first delivered, one more
 * each time it comes back repaired under its serial); a unit replaced under a new serial names the
 * serial it replaces. Each unit of an RMA records when and how it came back; the RMA when its last
 * unit did. The incarnations of a serial are read from these: 1 since the rack's receipt, each later
 * one since its RMA unit came back.
 */
export class RmaReturns1764950000000 implements MigrationInterface {
  name = 'RmaReturns1764950000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE rack
        ADD COLUMN incarnation     integer NOT NULL DEFAULT 1 CHECK (incarnation >= 1),
        ADD COLUMN replaces_serial text REFERENCES rack (serial)`);
    await queryRunner.query(`CREATE UNIQUE INDEX rack_replaces_serial ON rack (replaces_serial) WHERE replaces_serial IS NOT NULL`);
    await queryRunner.query(`
      ALTER TABLE rma_unit
        ADD COLUMN received_at        timestamptz,
        ADD COLUMN received_by        text,
        ADD COLUMN kind               text CHECK (kind IN ('REPAIRED', 'REPLACED')),
        ADD COLUMN replacement_serial text REFERENCES rack (serial),
        ADD COLUMN incarnation        integer CHECK (incarnation >= 2),
        ADD COLUMN note               text,
        ADD CONSTRAINT rma_unit_received CHECK ((received_at IS NULL) = (kind IS NULL)),
        ADD CONSTRAINT rma_unit_back_as CHECK (received_at IS NULL OR (replacement_serial IS NULL) <> (incarnation IS NULL))`);
    await queryRunner.query(`CREATE INDEX rma_unit_incarnation ON rma_unit (rack_serial, incarnation) WHERE incarnation IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX rma_unit_replacement ON rma_unit (replacement_serial) WHERE replacement_serial IS NOT NULL`);
    await queryRunner.query(`ALTER TABLE rma ADD COLUMN received_at timestamptz, ADD COLUMN received_by text`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE rma DROP COLUMN received_at, DROP COLUMN received_by`);
    await queryRunner.query(`DROP INDEX rma_unit_replacement`);
    await queryRunner.query(`DROP INDEX rma_unit_incarnation`);
    await queryRunner.query(`
      ALTER TABLE rma_unit
        DROP CONSTRAINT rma_unit_back_as, DROP CONSTRAINT rma_unit_received,
        DROP COLUMN note, DROP COLUMN incarnation, DROP COLUMN replacement_serial, DROP COLUMN kind,
        DROP COLUMN received_by, DROP COLUMN received_at`);
    await queryRunner.query(`DROP INDEX rack_replaces_serial`);
    await queryRunner.query(`ALTER TABLE rack DROP COLUMN replaces_serial, DROP COLUMN incarnation`);
  }
}
