import type { AuthenticatedUser } from '@rackeval/auth';
import { randomBytes } from 'node:crypto';

export interface LiveTicketGrant {
  user: AuthenticatedUser;
  /** When the token the ticket was bought with stops being accepted (epoch ms): the stream ends then. */
  tokenExpiresAt: number;
  /** The bearer token the ticket was bought with, for a stream the gateway relays from a service (which checks it again). */
  token?: string;
}

interface Outstanding extends LiveTicketGrant {
  expiresAt: number;
}

/** Tickets not yet redeemed, at most; the oldest are dropped first. */
const MAX_OUTSTANDING = 10_000;

/**
 * Short-lived, single-use tickets for opening the live stream: browsers' EventSource cannot send
 * an Authorization header, and a token in the URL ends up in logs and histories. A ticket is
 * random, worth nothing after one use or a few seconds, and only this process knows it, so a
 * gateway with several instances needs the ticket and the stream to reach the same one.
 */
export class LiveTickets {
  private readonly outstanding = new Map<string, Outstanding>();

  constructor(
    private readonly ttlMs: number,
    /** Tokens are refused this long after `iat` even before `exp` (AUTH_MAX_TOKEN_AGE_SECONDS). */
    private readonly maxTokenAgeMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  issue(user: AuthenticatedUser, token?: string): { ticket: string; expiresIn: number } {
    const now = this.now();
    this.dropExpired(now);
    const { exp, iat } = user.claims;
    const tokenExpiresAt = Math.min(
      typeof exp === 'number' ? exp * 1000 : now,
      typeof iat === 'number' ? iat * 1000 + this.maxTokenAgeMs : now,
    );
    const expiresAt = Math.min(now + this.ttlMs, tokenExpiresAt);
    const ticket = randomBytes(32).toString('base64url');
    this.outstanding.set(ticket, { user, tokenExpiresAt, expiresAt, ...(token ? { token } : {}) });
    return { ticket, expiresIn: Math.max(0, Math.floor((expiresAt - now) / 1000)) };
  }

  /** The grant for a ticket, once; undefined when unknown, used or expired. */
  redeem(ticket: string): LiveTicketGrant | undefined {
    const entry = this.outstanding.get(ticket);
    if (!entry) return undefined;
    this.outstanding.delete(ticket);
    if (entry.expiresAt <= this.now()) return undefined;
    return { user: entry.user, tokenExpiresAt: entry.tokenExpiresAt, ...(entry.token ? { token: entry.token } : {}) };
  }

  private dropExpired(now: number): void {
    for (const [ticket, entry] of this.outstanding) {
      if (entry.expiresAt <= now || this.outstanding.size >= MAX_OUTSTANDING) this.outstanding.delete(ticket);
    }
  }
}
