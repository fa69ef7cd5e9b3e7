import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The undated end of a state's queue (options without expiry, last in expiry order), by serial. The
 * queue reads it as a range of its own after the dated rows, `WHERE state = $1 AND expires_at IS NULL
 * ORDER BY rack_serial`; without this index the planner took `purchase_option_by_expiry` and filtered
 * every undated option on its state: the finance queue's last page read all 30,000 undated options of
 * a 100,000-option fleet to find none EXERCISABLE (40 ms, page 1 0.3 ms).
 */
export class OptionQueueUndated1765100000000 implements MigrationInterface {
  name = 'OptionQueueUndated1765100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX purchase_option_queue_undated ON purchase_option (state, rack_serial) WHERE expires_at IS NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX purchase_option_queue_undated`);
  }
}
