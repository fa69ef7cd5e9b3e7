import { appendOnly } from '@rackeval/platform';
import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit trail and terms keep their triggers, and now also their privileges: the runtime role
 * may only INSERT and SELECT (it got DML on every table by default). Only the owner role, which
 * runs the migrations, can alter the tables or their triggers.
 */
export class AppendOnlyPrivileges1764500000000 implements MigrationInterface {
  name = 'AppendOnlyPrivileges1764500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['option_audit', 'option_terms']) await appendOnly(queryRunner, table);
  }

  async down(): Promise<void> {
    // Nothing to give back: UPDATE and DELETE on history are not a state worth restoring.
  }
}
