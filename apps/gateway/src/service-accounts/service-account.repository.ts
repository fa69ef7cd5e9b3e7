import { Pool } from 'pg';
import { GATEWAY_SCHEMA } from './service-account-schema';

export type ServiceAccountRole = 'test-engineer' | 'viewer';

export interface ServiceAccountRow {
  id: string;
  name: string;
  role: ServiceAccountRole;
  site: string | null;
  expiresAt: Date;
  secretSalt: Buffer;
  secretHash: Buffer;
  secretVersion: number;
  createdAt: Date;
  createdBy: string;
  revokedAt: Date | null;
  revokedBy: string | null;
  lastUsedAt: Date | null;
}

export interface ServiceAccountAuditRow {
  accountId: string;
  action: 'CREATED' | 'ROTATED' | 'REVOKED';
  actor: string;
  actorId: string;
  reason: string | null;
  at: Date;
}

export interface Actor {
  actor: string;
  actorId: string;
}

const COLUMNS = `id, name, role, site, expires_at AS "expiresAt", secret_salt AS "secretSalt", secret_hash AS "secretHash",
  secret_version AS "secretVersion", created_at AS "createdAt", created_by AS "createdBy", revoked_at AS "revokedAt",
  revoked_by AS "revokedBy", last_used_at AS "lastUsedAt"`;

/** The only place the gateway runs SQL: service accounts and their audit trail in the `gateway` schema. */
export class ServiceAccountRepository {
  private readonly t: string;
  private readonly audit: string;

  constructor(
    private readonly pool: Pool,
    schema = GATEWAY_SCHEMA,
  ) {
    const s = `"${schema.replace(/"/g, '""')}"`;
    this.t = `${s}.service_account`;
    this.audit = `${s}.service_account_audit`;
  }

  /** Inserts the account and its CREATED audit entry; false when the name is taken. */
  async create(
    row: Omit<ServiceAccountRow, 'createdAt' | 'revokedAt' | 'revokedBy' | 'lastUsedAt' | 'secretVersion'>,
    by: Actor,
    reason?: string,
  ): Promise<boolean> {
    return this.transaction(async (client) => {
      const inserted = await client.query(
        `INSERT INTO ${this.t} (id, name, role, site, expires_at, secret_salt, secret_hash, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (name) DO NOTHING`,
        [row.id, row.name, row.role, row.site, row.expiresAt, row.secretSalt, row.secretHash, row.createdBy],
      );
      if (inserted.rowCount === 0) return false;
      await this.recordAudit(client, row.id, 'CREATED', by, reason);
      return true;
    });
  }

  async find(id: string): Promise<ServiceAccountRow | undefined> {
    const { rows } = await this.pool.query<ServiceAccountRow>(`SELECT ${COLUMNS} FROM ${this.t} WHERE id = $1`, [id]);
    return rows[0];
  }

  async list(): Promise<ServiceAccountRow[]> {
    const { rows } = await this.pool.query<ServiceAccountRow>(`SELECT ${COLUMNS} FROM ${this.t} ORDER BY created_at DESC, name`);
    return rows;
  }

  async auditOf(id: string): Promise<ServiceAccountAuditRow[]> {
    const { rows } = await this.pool.query<ServiceAccountAuditRow>(
      `SELECT account_id AS "accountId", action, actor, actor_id AS "actorId", reason, at FROM ${this.audit} WHERE account_id = $1 ORDER BY id`,
      [id],
    );
    return rows;
  }

  /** Replaces the secret of a live account; false when it is revoked or unknown. */
  async rotate(id: string, salt: Buffer, hash: Buffer, by: Actor, reason?: string): Promise<boolean> {
    return this.transaction(async (client) => {
      const updated = await client.query(
        `UPDATE ${this.t} SET secret_salt = $2, secret_hash = $3, secret_version = secret_version + 1 WHERE id = $1 AND revoked_at IS NULL`,
        [id, salt, hash],
      );
      if (updated.rowCount === 0) return false;
      await this.recordAudit(client, id, 'ROTATED', by, reason);
      return true;
    });
  }

  /** Revokes a live account; false when it is already revoked or unknown. */
  async revoke(id: string, by: Actor, reason?: string): Promise<boolean> {
    return this.transaction(async (client) => {
      const updated = await client.query(`UPDATE ${this.t} SET revoked_at = now(), revoked_by = $2 WHERE id = $1 AND revoked_at IS NULL`, [
        id,
        by.actor,
      ]);
      if (updated.rowCount === 0) return false;
      await this.recordAudit(client, id, 'REVOKED', by, reason);
      return true;
    });
  }

  async markUsed(id: string): Promise<void> {
    await this.pool.query(`UPDATE ${this.t} SET last_used_at = now() WHERE id = $1`, [id]);
  }

  private async recordAudit(
    client: { query: Pool['query'] },
    id: string,
    action: ServiceAccountAuditRow['action'],
    by: Actor,
    reason?: string,
  ): Promise<void> {
    await client.query(`INSERT INTO ${this.audit} (account_id, action, actor, actor_id, reason) VALUES ($1, $2, $3, $4, $5)`, [
      id,
      action,
      by.actor,
      by.actorId,
      reason ?? null,
    ]);
  }

  private async transaction<T>(work: (client: { query: Pool['query'] }) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const result = await work(client as unknown as { query: Pool['query'] });
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }
}
