export interface SignInThrottleSettings {
  /** Failures further apart than this start the count again. */
  windowMs: number;
  accountMaxFailures: number;
  addressMaxFailures: number;
  /** The first lockout; each further failure doubles it. */
  lockoutMs: number;
  maxLockoutMs: number;
}

interface Strikes {
  failures: number;
  lastFailureAt: number;
  lockedUntil: number;
}

/** Entries kept at most; the oldest go first, so a flood of made-up names cannot exhaust memory. */
const MAX_ENTRIES = 50_000;

/**
 * Counts failed sign-ins per account (user name) and per address. Past the budget, the key is
 * locked for an exponentially growing time; attempts while locked are refused without checking the
 * password and do not count. A success clears the account's count, never the address's.
 * In-process memory: enough for the local development issuer (see GatewayConfig).
 */
export class SignInThrottle {
  private readonly accounts = new Map<string, Strikes>();
  private readonly addresses = new Map<string, Strikes>();

  constructor(
    private readonly settings: SignInThrottleSettings,
    private readonly now: () => number = Date.now,
  ) {}

  /** Milliseconds to wait before this account may try again from this address; 0 when it may now. */
  retryAfterMs(account: string, address: string): number {
    const now = this.now();
    const waits = [this.accounts.get(accountKey(account)), this.addresses.get(address)].map((strikes) =>
      strikes ? strikes.lockedUntil - now : 0,
    );
    return Math.max(0, ...waits);
  }

  recordFailure(account: string, address: string): void {
    this.strike(this.accounts, accountKey(account), this.settings.accountMaxFailures);
    this.strike(this.addresses, address, this.settings.addressMaxFailures);
  }

  recordSuccess(account: string): void {
    this.accounts.delete(accountKey(account));
  }

  private strike(entries: Map<string, Strikes>, key: string, budget: number): void {
    const now = this.now();
    const { windowMs, lockoutMs, maxLockoutMs } = this.settings;
    const previous = entries.get(key);
    // The window runs from the later of the last failure and the end of its lockout, so a lockout
    // longer than the window does not reset the count.
    const recent = previous && now - Math.max(previous.lastFailureAt, previous.lockedUntil) <= windowMs;
    const strikes = recent ? previous : { failures: 0, lastFailureAt: now, lockedUntil: 0 };
    strikes.failures += 1;
    strikes.lastFailureAt = now;
    if (strikes.failures >= budget) {
      // Capped exponent: 2 ** 40 ms is already far past any sensible maximum.
      strikes.lockedUntil = now + Math.min(maxLockoutMs, lockoutMs * 2 ** Math.min(40, strikes.failures - budget));
    }
    entries.delete(key); // re-inserted last: Map order is then the order of last failure
    entries.set(key, strikes);
    this.prune(entries, now);
  }

  private prune(entries: Map<string, Strikes>, now: number): void {
    if (entries.size <= MAX_ENTRIES) return;
    for (const [key, strikes] of entries) {
      const stale = now - Math.max(strikes.lastFailureAt, strikes.lockedUntil) > this.settings.windowMs;
      if (stale || entries.size > MAX_ENTRIES) entries.delete(key);
      if (entries.size <= MAX_ENTRIES / 2) return;
    }
  }
}

// "Ada", " ada" and "ada" are one account to an attacker guessing passwords.
function accountKey(account: string): string {
  return account.trim().toLowerCase();
}
