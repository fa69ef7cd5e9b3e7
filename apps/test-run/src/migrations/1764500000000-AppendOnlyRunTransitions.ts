import { appendOnly } from '@rackeval/platform';
import { MigrationInterface, QueryRunner } from 'typeorm';

/** A run's transitions are its history, appended and never changed: the runtime role keeps only INSERT and SELECT on them. */
export class AppendOnlyRunTransitions1764500000000 implements MigrationInterface {
  name = 'AppendOnlyRunTransitions1764500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await appendOnly(queryRunner, 'run_transition');
  }

  async down(): Promise<void> {
    // Nothing to give back: UPDATE and DELETE on history are not a state worth restoring.
  }
}
