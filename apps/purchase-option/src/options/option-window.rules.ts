const DAY_MS = 86_400_000;

/** Whole days until expiry, rounded up (a window closing in 3 hours has 1 day left); 0 once closed. */
export function daysLeft(expiresAt: Date | null, now: Date): number | null {
  if (!expiresAt) return null;
  const remaining = expiresAt.getTime() - now.getTime();
  return remaining <= 0 ? 0 : Math.ceil(remaining / DAY_MS);
}

/** The option window closes `windowDays` after the evaluation verdict. */
export function expiryOf(verdictAt: Date, windowDays: number): Date {
  return new Date(verdictAt.getTime() + windowDays * DAY_MS);
}
