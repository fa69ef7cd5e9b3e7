const KEY = 'rackeval.reminderDays';

/** The reminder horizon this browser chose (days), or undefined for the service's default. */
export function reminderDays(): number | undefined {
  const stored = Number(globalThis.localStorage?.getItem(KEY) ?? NaN);
  return Number.isInteger(stored) && stored >= 0 && stored <= 365 ? stored : undefined;
}

export function setReminderDays(days: number | undefined): void {
  if (days === undefined) globalThis.localStorage?.removeItem(KEY);
  else globalThis.localStorage?.setItem(KEY, String(days));
}
