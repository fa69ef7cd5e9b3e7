import { appendOnly } from '@rackeval/platform';
import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * RMAs (the manufacturer's return authorisations): the units they send back, the findings they
 * report (results' finding ids, kept as references) and each RMA's history (append-only).
 */
export class Rmas1764930000000 implements MigrationInterface {
  name = 'Rmas1764930000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE rma (
        id            uuid PRIMARY KEY,
        rma_number    text NOT NULL,
        state         text NOT NULL,
        finding_ids   uuid[] NOT NULL DEFAULT '{}',
        notes         text,
        created_by    text NOT NULL,
        created_at    timestamptz NOT NULL,
        updated_at    timestamptz NOT NULL,
        shipped_at    timestamptz,
        shipped_by    text,
        cancelled_at  timestamptz,
        cancelled_by  text,
        cancel_reason text,
        version       integer NOT NULL DEFAULT 1,
        CONSTRAINT rma_number_unique UNIQUE (rma_number)
      )`);
    await queryRunner.query(`CREATE INDEX rma_created ON rma (created_at DESC, id DESC)`);
    await queryRunner.query(`CREATE INDEX rma_state_created ON rma (state, created_at DESC, id DESC)`);
    await queryRunner.query(`
      CREATE TABLE rma_unit (
        rma_id      uuid NOT NULL REFERENCES rma (id),
        rack_serial text NOT NULL REFERENCES rack (serial),
        line_no     integer NOT NULL,
        PRIMARY KEY (rma_id, rack_serial)
      )`);
    await queryRunner.query(`CREATE INDEX rma_unit_rack ON rma_unit (rack_serial)`);
    await queryRunner.query(`
      CREATE TABLE rma_history (
        seq         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        rma_id      uuid NOT NULL REFERENCES rma (id),
        from_state  text,
        to_state    text NOT NULL,
        actor       text NOT NULL,
        reason      text NOT NULL,
        occurred_at timestamptz NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX rma_history_rma ON rma_history (rma_id, seq)`);
    await appendOnly(queryRunner, 'rma_history');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['rma_history', 'rma_unit', 'rma']) await queryRunner.query(`DROP TABLE ${table}`);
  }
}
