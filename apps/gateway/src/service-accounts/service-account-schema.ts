import type { SqlRunner } from '@rackeval/platform';
import { grantRuntimeRole } from '@rackeval/platform';

/** The gateway's own schema: service accounts and their audit trail. */
export const GATEWAY_SCHEMA = 'gateway';

/**
 * Creates the gateway's schema and tables if missing (idempotent; run by the owner role at start,
 * like the services' migrations). The runtime role gets DML on the accounts and only INSERT and
 * SELECT on the audit trail.
 */
export async function migrateGatewaySchema(owner: SqlRunner, runtimeRole: string | undefined, schema = GATEWAY_SCHEMA): Promise<void> {
  const s = `"${schema.replace(/"/g, '""')}"`;
  await owner.query(`SELECT pg_advisory_lock(hashtext('rackeval-gateway-migrate:' || $1))`, [schema]);
  try {
    await owner.query(`CREATE SCHEMA IF NOT EXISTS ${s}`);
    if (runtimeRole) await grantRuntimeRole(owner, schema, runtimeRole);
    await owner.query(`CREATE TABLE IF NOT EXISTS ${s}.service_account (
      id uuid PRIMARY KEY,
      name text NOT NULL UNIQUE,
      role text NOT NULL CHECK (role IN ('test-engineer', 'viewer')),
      site text,
      expires_at timestamptz NOT NULL,
      secret_salt bytea NOT NULL,
      secret_hash bytea NOT NULL,
      secret_version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      created_by text NOT NULL,
      revoked_at timestamptz,
      revoked_by text,
      last_used_at timestamptz
    )`);
    await owner.query(`CREATE TABLE IF NOT EXISTS ${s}.service_account_audit (
      id bigserial PRIMARY KEY,
      account_id uuid NOT NULL REFERENCES ${s}.service_account(id),
      action text NOT NULL CHECK (action IN ('CREATED', 'ROTATED', 'REVOKED')),
      actor text NOT NULL,
      actor_id text NOT NULL,
      reason text,
      at timestamptz NOT NULL DEFAULT now()
    )`);
    if (runtimeRole) {
      const r = `"${runtimeRole.replace(/"/g, '""')}"`;
      await owner.query(`GRANT SELECT, INSERT, UPDATE ON ${s}.service_account TO ${r}`);
      await owner.query(`REVOKE UPDATE, DELETE, TRUNCATE ON ${s}.service_account_audit FROM ${r}`);
      await owner.query(`GRANT SELECT, INSERT ON ${s}.service_account_audit TO ${r}`);
      await owner.query(`GRANT USAGE ON ALL SEQUENCES IN SCHEMA ${s} TO ${r}`);
      await owner.query(`REVOKE DELETE, TRUNCATE ON ${s}.service_account FROM ${r}`);
    }
  } finally {
    await owner.query(`SELECT pg_advisory_unlock(hashtext('rackeval-gateway-migrate:' || $1))`, [schema]);
  }
}
