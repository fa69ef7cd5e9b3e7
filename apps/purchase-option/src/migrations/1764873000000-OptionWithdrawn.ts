import { MigrationInterface, QueryRunner } from 'typeorm';

const BEFORE = `'PENDING_EVALUATION','EXERCISABLE','NOT_EXERCISABLE','PENDING_APPROVAL','EXERCISED','DECLINED','LAPSED'`;
const AFTER = `${BEFORE},'WITHDRAWN'`;

/** An option ends WITHDRAWN when intake withdraws or returns its rack before any purchase. */
export class OptionWithdrawn1764873000000 implements MigrationInterface {
  name = 'OptionWithdrawn1764873000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE purchase_option DROP CONSTRAINT purchase_option_state_check`);
    await queryRunner.query(`ALTER TABLE purchase_option ADD CONSTRAINT purchase_option_state_check CHECK (state IN (${AFTER}))`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE purchase_option DROP CONSTRAINT purchase_option_state_check`);
    await queryRunner.query(`ALTER TABLE purchase_option ADD CONSTRAINT purchase_option_state_check CHECK (state IN (${BEFORE}))`);
  }
}
