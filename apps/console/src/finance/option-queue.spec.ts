import type { PurchaseOption } from '../api';
import { belongsTo, daysLeftInWords, mergeOption, sortByDaysLeft } from './option-queue';

const option = (rackSerial: string, daysLeft: number | null, state: PurchaseOption['state'] = 'EXERCISABLE') =>
  ({ rackSerial, daysLeft, state }) as PurchaseOption;

describe('option queue', () => {
  it('puts the soonest deadline first and options without one last', () => {
    const sut = sortByDaysLeft([option('RK-3', null), option('RK-2', 9), option('RK-1', 2), option('RK-0', 9)]);
    expect(sut.map((o) => o.rackSerial)).toEqual(['RK-1', 'RK-0', 'RK-2', 'RK-3']);
  });

  it('moves an option that became exercisable into the exercisable tab, in order', () => {
    const sut = mergeOption('exercisable', [option('RK-1', 2), option('RK-2', 20)], option('RK-9', 5));
    expect(sut.map((o) => o.rackSerial)).toEqual(['RK-1', 'RK-9', 'RK-2']);
  });

  it('drops an option from a tab it no longer belongs to', () => {
    const sut = mergeOption('exercisable', [option('RK-1', 2)], option('RK-1', 2, 'PENDING_APPROVAL'));
    expect(sut).toEqual([]);
  });

  it('counts only open options as expiring soon', () => {
    expect(belongsTo('expiring-soon', option('RK-1', 3))).toBe(true);
    expect(belongsTo('expiring-soon', option('RK-1', 30))).toBe(false);
    expect(belongsTo('expiring-soon', option('RK-1', 1, 'EXERCISED'))).toBe(false);
  });

  it('counts an option as at the manufacturer while its rack is shipped on an RMA and not back', () => {
    const withRma = (shippedAt: string | null, receivedAt: string | null) =>
      ({ rackSerial: 'RK-1', daysLeft: null, state: 'DECLINED', rma: { shippedAt, receivedAt } }) as PurchaseOption;
    expect(belongsTo('at-manufacturer', withRma('2026-11-30T09:15:00.000Z', null))).toBe(true);
    expect(belongsTo('at-manufacturer', withRma('2026-11-30T09:15:00.000Z', '2026-12-14T10:30:00.000Z'))).toBe(false);
    expect(belongsTo('at-manufacturer', withRma(null, null))).toBe(false);
    expect(belongsTo('at-manufacturer', { ...option('RK-1', null), rma: null } as PurchaseOption)).toBe(false);
  });

  it('says days left in words', () => {
    expect(daysLeftInWords(1)).toBe('1 day left');
    expect(daysLeftInWords(0)).toBe('window closed');
    expect(daysLeftInWords(null)).toBe('no deadline yet');
  });
});
