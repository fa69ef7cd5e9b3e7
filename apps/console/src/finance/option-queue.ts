import type { OptionQuery, PurchaseOption } from '@rackeval/api-client';

export type QueueTab = 'exercisable' | 'pending-approval' | 'expiring-soon' | 'at-manufacturer';

/** "Expiring soon" means the window closes within this many days. */
export const EXPIRING_SOON_DAYS = 7;

export const QUEUE_TABS: ReadonlyArray<{ id: QueueTab; label: string; query: OptionQuery }> = [
  { id: 'exercisable', label: 'Exercisable', query: { state: 'EXERCISABLE' } },
  { id: 'pending-approval', label: 'Pending approval', query: { state: 'PENDING_APPROVAL' } },
  { id: 'expiring-soon', label: 'Expiring soon', query: { expiringWithinDays: EXPIRING_SOON_DAYS } },
  { id: 'at-manufacturer', label: 'At the manufacturer', query: { withRma: 'open' } },
];

/**
 * Soonest deadline first; options without a deadline last, then by serial so the order is stable.
 * The service already sorts by expiry; sorting again keeps the queue right after live updates.
 */
export function sortByDaysLeft<T extends Pick<PurchaseOption, 'daysLeft' | 'rackSerial'>>(options: readonly T[]): T[] {
  return [...options].sort((a, b) => {
    const left = a.daysLeft ?? Number.POSITIVE_INFINITY;
    const right = b.daysLeft ?? Number.POSITIVE_INFINITY;
    return left !== right ? left - right : a.rackSerial.localeCompare(b.rackSerial);
  });
}

/** The rack is with the manufacturer: shipped on its latest RMA and not back yet. */
export const atManufacturer = (option: Pick<PurchaseOption, 'rma'>): boolean => !!option.rma?.shippedAt && !option.rma.receivedAt;

/** Whether an option (after a live update) still belongs in a tab's list. */
export function belongsTo(tab: QueueTab, option: PurchaseOption): boolean {
  switch (tab) {
    case 'exercisable':
      return option.state === 'EXERCISABLE';
    case 'pending-approval':
      return option.state === 'PENDING_APPROVAL';
    case 'at-manufacturer':
      return atManufacturer(option);
    case 'expiring-soon':
      return (
        option.daysLeft !== null && option.daysLeft <= EXPIRING_SOON_DAYS && !['EXERCISED', 'DECLINED', 'LAPSED'].includes(option.state)
      );
  }
}

/** Replaces (or adds, or removes) one option in a tab's list after a live update. */
export function mergeOption(tab: QueueTab, list: readonly PurchaseOption[], updated: PurchaseOption): PurchaseOption[] {
  const others = list.filter((option) => option.rackSerial !== updated.rackSerial);
  return sortByDaysLeft(belongsTo(tab, updated) ? [...others, updated] : others);
}

/** "3 days left", "due today", "closed". */
export function daysLeftInWords(daysLeft: number | null): string {
  if (daysLeft === null) return 'no deadline yet';
  if (daysLeft <= 0) return 'window closed';
  return daysLeft === 1 ? '1 day left' : `${daysLeft} days left`;
}
