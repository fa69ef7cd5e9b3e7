import { Inject, Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { type AuthenticatedUser, hashPassword, matchesPassword, type PasswordHash } from '@rackeval/auth';
import { runtimeRoleOf } from '@rackeval/platform';
import { randomBytes, randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { GatewayConfig } from '../config';
import { GATEWAY_CONFIG } from '../gateway.tokens';
import { ServiceAccountDetailView, ServiceAccountSecretView, ServiceAccountView } from './dto/service-account.dto';
import { migrateGatewaySchema } from './service-account-schema';
import { Actor, ServiceAccountRepository, ServiceAccountRole, ServiceAccountRow } from './service-account.repository';
import { ServiceAccountError, ServiceAccountErrorCode as Code } from './service-accounts.errors';

/** Roles a service account may hold: test-engineer or narrower (viewer). Never intake, finance or admin. */
export const SERVICE_ACCOUNT_ROLES: readonly ServiceAccountRole[] = ['test-engineer', 'viewer'];

/** The token subject of a service account; its actorId is `<issuer>|sa:<id>`. */
export const serviceAccountSubject = (id: string) => `sa:${id}`;
/** The display name in tokens, measurements and audit entries: never mistaken for a person's user name. */
export const serviceAccountDisplayName = (name: string) => `sa:${name}`;

export interface NewServiceAccount {
  name: string;
  role: string;
  site?: string;
  expiresAt: string;
  reason?: string;
}

export interface AuthenticatedServiceAccount {
  id: string;
  name: string;
  role: ServiceAccountRole;
  site: string | null;
  expiresAt: Date;
}

/** Why a client could not be authenticated (the token endpoint answers `invalid_client` for each alike). */
export type ClientRefusal = 'unknown' | 'wrong-secret' | 'revoked' | 'expired';

export class ClientAuthenticationError extends Error {
  constructor(readonly reason: ClientRefusal) {
    super(`client authentication failed: ${reason}`);
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * Service accounts for harnesses, kept in the gateway's own PostgreSQL schema (GATEWAY_DATABASE_URL).
 * Secrets are shown once and stored only as scrypt hashes; every create, rotate and revoke is audited.
 */
@Injectable()
export class ServiceAccountsService implements OnModuleInit, OnModuleDestroy {
  private pool?: Pool;
  private repository?: ServiceAccountRepository;
  private decoy?: PasswordHash;

  constructor(@Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig) {}

  get available(): boolean {
    return this.repository !== undefined;
  }

  async onModuleInit(): Promise<void> {
    if (this.config.AUTH_MODE !== 'local' || !this.config.GATEWAY_DATABASE_URL) return;
    const migrationUrl = this.config.GATEWAY_DATABASE_MIGRATION_URL ?? this.config.GATEWAY_DATABASE_URL;
    const owner = new Pool({ connectionString: migrationUrl, max: 1 });
    try {
      const runtimeRole = runtimeRoleOf({ DATABASE_URL: this.config.GATEWAY_DATABASE_URL, migrationUrl: () => migrationUrl });
      await migrateGatewaySchema(owner, runtimeRole, this.config.GATEWAY_DATABASE_SCHEMA);
    } finally {
      await owner.end();
    }
    this.pool = new Pool({ connectionString: this.config.GATEWAY_DATABASE_URL, max: 4 });
    this.repository = new ServiceAccountRepository(this.pool, this.config.GATEWAY_DATABASE_SCHEMA);
    this.decoy = await hashPassword(randomBytes(16).toString('hex'));
  }

  async onModuleDestroy(): Promise<void> {
    await this.pool?.end();
  }

  async create(input: NewServiceAccount, by: AuthenticatedUser): Promise<ServiceAccountSecretView> {
    const repository = this.repo();
    if (!(SERVICE_ACCOUNT_ROLES as readonly string[]).includes(input.role)) {
      throw new ServiceAccountError(
        Code.SERVICE_ACCOUNT_ROLE_TOO_BROAD,
        `role: a service account may be ${SERVICE_ACCOUNT_ROLES.join(' or ')}, not '${input.role}'`,
        [{ field: 'role', message: `must be one of ${SERVICE_ACCOUNT_ROLES.join(', ')} (test-engineer or narrower)` }],
      );
    }
    const expiresAt = this.checkedExpiry(input.expiresAt);
    const id = randomUUID();
    const clientSecret = newSecret();
    const { salt, hash } = await hashPassword(clientSecret);
    const created = await repository.create(
      {
        id,
        name: input.name,
        role: input.role as ServiceAccountRole,
        site: input.site ?? null,
        expiresAt,
        secretSalt: salt,
        secretHash: hash,
        createdBy: by.username,
      },
      actorOf(by),
      input.reason,
    );
    if (!created) {
      throw new ServiceAccountError(Code.SERVICE_ACCOUNT_NAME_TAKEN, `name: a service account named '${input.name}' exists already`, [
        { field: 'name', message: 'is taken' },
      ]);
    }
    return { account: view((await repository.find(id))!), clientSecret };
  }

  async list(): Promise<ServiceAccountView[]> {
    return (await this.repo().list()).map(view);
  }

  async get(id: string): Promise<ServiceAccountDetailView> {
    const account = await this.found(id);
    const audit = await this.repo().auditOf(account.id);
    return {
      ...view(account),
      audit: audit.map((entry) => ({
        action: entry.action,
        actor: entry.actor,
        actorId: entry.actorId,
        reason: entry.reason,
        at: entry.at.toISOString(),
      })),
    };
  }

  /** A new secret, shown once; the old one stops working at once. */
  async rotate(id: string, by: AuthenticatedUser, reason?: string): Promise<ServiceAccountSecretView> {
    const account = await this.found(id);
    const clientSecret = newSecret();
    const { salt, hash } = await hashPassword(clientSecret);
    if (!(await this.repo().rotate(account.id, salt, hash, actorOf(by), reason))) throw revoked(account);
    return { account: view((await this.repo().find(id))!), clientSecret };
  }

  /** No more tokens for the account; tokens already issued end within their lifetime. */
  async revoke(id: string, by: AuthenticatedUser, reason?: string): Promise<ServiceAccountView> {
    const account = await this.found(id);
    if (!(await this.repo().revoke(account.id, actorOf(by), reason))) throw revoked(account);
    return view((await this.repo().find(id))!);
  }

  /** Checks a client id and secret (constant work whether or not the account exists). */
  async authenticate(clientId: string, clientSecret: string): Promise<AuthenticatedServiceAccount> {
    const repository = this.repo();
    const account = UUID.test(clientId) ? await repository.find(clientId) : undefined;
    const stored = account ? { salt: account.secretSalt, hash: account.secretHash } : this.decoy!;
    const matches = await matchesPassword(clientSecret, stored);
    if (!account) throw new ClientAuthenticationError('unknown');
    if (!matches) throw new ClientAuthenticationError('wrong-secret');
    if (account.revokedAt) throw new ClientAuthenticationError('revoked');
    if (account.expiresAt.getTime() <= Date.now()) throw new ClientAuthenticationError('expired');
    await repository.markUsed(account.id);
    return { id: account.id, name: account.name, role: account.role, site: account.site, expiresAt: account.expiresAt };
  }

  private checkedExpiry(text: string): Date {
    const expiresAt = new Date(text);
    const maxDays = this.config.SERVICE_ACCOUNT_MAX_LIFETIME_DAYS;
    const refuse = (message: string) =>
      new ServiceAccountError(Code.SERVICE_ACCOUNT_EXPIRY_INVALID, `expiresAt: ${message}`, [{ field: 'expiresAt', message }]);
    if (Number.isNaN(expiresAt.getTime())) throw refuse('must be an ISO-8601 time');
    if (expiresAt.getTime() <= Date.now()) throw refuse('must be in the future');
    if (expiresAt.getTime() > Date.now() + maxDays * 86_400_000)
      throw refuse(`must be within ${maxDays} days (SERVICE_ACCOUNT_MAX_LIFETIME_DAYS)`);
    return expiresAt;
  }

  private async found(id: string): Promise<ServiceAccountRow> {
    const account = UUID.test(id) ? await this.repo().find(id) : undefined;
    if (!account)
      throw new ServiceAccountError(Code.SERVICE_ACCOUNT_NOT_FOUND, `no service account ${id}`, [
        { field: 'id', message: 'unknown service account' },
      ]);
    return account;
  }

  private repo(): ServiceAccountRepository {
    if (!this.repository) {
      throw new ServiceAccountError(
        Code.SERVICE_ACCOUNTS_UNAVAILABLE,
        this.config.AUTH_MODE === 'oidc'
          ? 'service accounts are clients of the identity provider in oidc mode (its client-credentials tokens are accepted)'
          : 'service accounts need the gateway database (GATEWAY_DATABASE_URL)',
      );
    }
    return this.repository;
  }
}

function newSecret(): string {
  return `rks_${randomBytes(32).toString('base64url')}`;
}

function actorOf(user: AuthenticatedUser): Actor {
  return { actor: user.username, actorId: user.actorId };
}

function revoked(account: ServiceAccountRow): ServiceAccountError {
  return new ServiceAccountError(Code.SERVICE_ACCOUNT_REVOKED, `service account '${account.name}' is revoked`, [
    { field: 'id', message: 'revoked' },
  ]);
}

function view(row: ServiceAccountRow): ServiceAccountView {
  const state = row.revokedAt ? 'REVOKED' : row.expiresAt.getTime() <= Date.now() ? 'EXPIRED' : 'ACTIVE';
  return {
    id: row.id,
    clientId: row.id,
    name: row.name,
    role: row.role,
    site: row.site,
    expiresAt: row.expiresAt.toISOString(),
    state,
    createdAt: row.createdAt.toISOString(),
    createdBy: row.createdBy,
    revokedAt: row.revokedAt?.toISOString() ?? null,
    revokedBy: row.revokedBy,
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    secretVersion: row.secretVersion,
  };
}
