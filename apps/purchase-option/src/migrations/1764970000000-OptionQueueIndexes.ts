import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The finance queue (`state=EXERCISABLE`, with or without a generation) in expiry order, by keyset:
 * with the state (and generation) leading, page 1,000 of the queue is an index range of its own
 * rows, not a walk through every option of every state that expires earlier.
 */
export class OptionQueueIndexes1764970000000 implements MigrationInterface {
  name = 'OptionQueueIndexes1764970000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX purchase_option_queue ON purchase_option (state, expires_at, rack_serial)`);
    await queryRunner.query(`CREATE INDEX purchase_option_queue_by_generation ON purchase_option (generation, state, expires_at, rack_serial)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX purchase_option_queue_by_generation`);
    await queryRunner.query(`DROP INDEX purchase_option_queue`);
  }
}
