import { appendOnly } from '@rackeval/platform';
import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What results keeps as history is appended, never changed: criteria versions, run transitions,
 * corrections, and measurements (corrections supersede, never overwrite: only the mark that a
 * correction superseded a measurement may be set). The runtime role keeps INSERT and SELECT.
 */
export class AppendOnlyRecords1764500000000 implements MigrationInterface {
  name = 'AppendOnlyRecords1764500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['criteria_version', 'criterion', 'run_transition', 'measurement_correction']) await appendOnly(queryRunner, table);
    await appendOnly(queryRunner, 'measurement', { updatable: ['superseded_by'] });
  }

  async down(): Promise<void> {
    // Nothing to give back: UPDATE and DELETE on history are not a state worth restoring.
  }
}
