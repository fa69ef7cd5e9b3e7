import { appendOnly } from '@rackeval/platform';
import { MigrationInterface, QueryRunner } from 'typeorm';

/** A rack's lifecycle history is appended, never changed: the runtime role keeps only INSERT and SELECT on it. */
export class AppendOnlyRackHistory1764500000000 implements MigrationInterface {
  name = 'AppendOnlyRackHistory1764500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await appendOnly(queryRunner, 'rack_history');
  }

  async down(): Promise<void> {
    // Nothing to give back: UPDATE and DELETE on history are not a state worth restoring.
  }
}
