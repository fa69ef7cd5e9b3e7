import { get, post, request } from './http';

/**
 * The gateway's service-account routes (apps/gateway/src/service-accounts), admin only. The gateway
 * publishes no OpenAPI document of its own for the console's generated client, so this module types
 * them by hand from `apps/gateway/src/service-accounts/dto/service-account.dto.ts`.
 */
export type ServiceAccountRole = 'test-engineer' | 'viewer';

export interface ServiceAccount {
  id: string;
  clientId: string;
  name: string;
  role: ServiceAccountRole;
  site: string | null;
  expiresAt: string;
  state: 'ACTIVE' | 'EXPIRED' | 'REVOKED';
  createdAt: string;
  createdBy: string;
  revokedAt: string | null;
  revokedBy: string | null;
  lastUsedAt: string | null;
  secretVersion: number;
}

export interface ServiceAccountAuditEntry {
  action: 'CREATED' | 'ROTATED' | 'REVOKED';
  actor: string;
  actorId: string;
  reason: string | null;
  at: string;
}

export interface NewServiceAccount {
  name: string;
  role: ServiceAccountRole;
  site?: string;
  expiresAt: string;
  reason?: string;
}

/** The secret is in this answer only. */
export interface ServiceAccountSecret {
  account: ServiceAccount;
  clientSecret: string;
}

const base = '/api/auth/service-accounts';

export const serviceAccountsApi = {
  list: () => get<ServiceAccount[]>(base),
  get: (id: string) => get<ServiceAccount & { audit: ServiceAccountAuditEntry[] }>(`${base}/${encodeURIComponent(id)}`),
  create: (account: NewServiceAccount) => post<ServiceAccountSecret>(base, account),
  rotate: (id: string, reason?: string) => post<ServiceAccountSecret>(`${base}/${encodeURIComponent(id)}/rotate`, reason ? { reason } : {}),
  revoke: (id: string, reason?: string) =>
    request<ServiceAccount>('POST', `${base}/${encodeURIComponent(id)}/revoke`, { body: reason ? { reason } : {} }),
};
