import { appendOnly } from '@rackeval/platform';
import { MigrationInterface, QueryRunner } from 'typeorm';

/** Corrections of a rack's BOM, lot or site: who, when, why, the values before and after, and the BOM replaced (append-only). */
export class RackCorrections1764896000000 implements MigrationInterface {
  name = 'RackCorrections1764896000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE rack_correction (
        id           uuid PRIMARY KEY,
        rack_serial  text NOT NULL REFERENCES rack (serial),
        changed      text[] NOT NULL,
        reason       text NOT NULL,
        corrected_by text NOT NULL,
        corrected_at timestamptz NOT NULL,
        before       jsonb NOT NULL,
        after        jsonb NOT NULL,
        previous_bom jsonb NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX rack_correction_rack ON rack_correction (rack_serial, corrected_at DESC)`);
    await appendOnly(queryRunner, 'rack_correction');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE rack_correction`);
  }
}
