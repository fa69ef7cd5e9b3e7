import { refusal } from '../../test/support/refusal';
import {
  assertReceivedAt,
  assertReplacementsNew,
  assertReturnRequest,
  assertUnitsOut,
  replacedReason,
  returnedReason,
  RmaUnitStatus,
} from './rma-returns.rules';

describe('assertReturnRequest', () => {
  const sut = assertReturnRequest;

  it('takes repaired units under their serial and replaced ones with or without a new serial', () => {
    expect(() =>
      sut([
        { serial: 'RK-1', kind: 'REPAIRED' },
        { serial: 'RK-2', kind: 'REPLACED' },
        { serial: 'RK-3', kind: 'REPLACED', replacementSerial: 'RK-9' },
      ]),
    ).not.toThrow();
  });

  it('refuses a serial named twice (400), naming the repeat and where it first was', () => {
    const error = refusal(() =>
      sut([
        { serial: 'RK-1', kind: 'REPAIRED' },
        { serial: 'RK-2', kind: 'REPAIRED' },
        { serial: 'RK-1', kind: 'REPLACED' },
      ]),
    );
    expect(error).toMatchObject({
      code: 'INVALID_RMA',
      kind: 'bad-input',
      details: [{ field: 'units[2].serial', message: 'RK-1 is repeated (first at units[0].serial)' }],
    });
  });

  it('refuses a replacement serial given twice, and one given for a unit not REPLACED (400 naming each)', () => {
    const error = refusal(() =>
      sut([
        { serial: 'RK-1', kind: 'REPLACED', replacementSerial: 'RK-9' },
        { serial: 'RK-2', kind: 'REPAIRED', replacementSerial: 'RK-9' },
      ]),
    );
    expect(error.message).toContain('units[1].kind must be REPLACED when replacementSerial is given (not REPAIRED)');
    expect(error).toMatchObject({
      code: 'INVALID_RMA',
      details: [
        { field: 'units[1].replacementSerial', message: 'RK-9 is repeated (first at units[0].replacementSerial)' },
        { field: 'units[1].kind', message: 'must be REPLACED when replacementSerial is given (not REPAIRED)' },
      ],
    });
  });
});

describe('assertReceivedAt', () => {
  const sut = assertReceivedAt;
  const now = new Date('2026-11-30T10:00:00.000Z');
  const shippedAt = new Date('2026-11-20T08:00:00.000Z');

  it('takes a receipt between the shipment and now (within the clock skew a client may have)', () => {
    expect(() => sut('2026-11-20T08:00:00Z', shippedAt, now)).not.toThrow();
    expect(() => sut('2026-11-30T10:00:30Z', shippedAt, now)).not.toThrow();
  });

  it('refuses a receipt in the future (400 naming receivedAt)', () => {
    const error = refusal(() => sut('2026-12-01T09:00:00Z', shippedAt, now));
    expect(error.message).toBe('receivedAt 2026-12-01T09:00:00Z is in the future (it is now 2026-11-30T10:00:00.000Z)');
    expect(error).toMatchObject({
      code: 'INVALID_RMA',
      kind: 'bad-input',
      details: [{ field: 'receivedAt', message: 'must not be in the future' }],
    });
  });

  it('refuses a receipt before the units were shipped (400 naming receivedAt and the shipment)', () => {
    const error = refusal(() => sut('2026-11-20T07:59:59Z', shippedAt, now));
    expect(error).toMatchObject({
      code: 'INVALID_RMA',
      message: "receivedAt 2026-11-20T07:59:59Z is before the RMA's units were shipped (2026-11-20T08:00:00.000Z)",
      details: [{ field: 'receivedAt', message: 'must not be before shippedAt 2026-11-20T08:00:00.000Z' }],
    });
  });
});

describe('assertUnitsOut', () => {
  const sut = assertUnitsOut;
  const out = (serial: string): RmaUnitStatus => ({ serial, state: 'RETURNED_FOR_RMA', receivedAt: null, kind: null });
  const back: RmaUnitStatus = { serial: 'RK-2', state: 'RECEIVED', receivedAt: new Date('2026-11-25T09:00:00Z'), kind: 'REPAIRED' };

  it('takes units of the RMA still with the manufacturer', () => {
    expect(() => sut('RMA-7', [{ serial: 'RK-1', kind: 'REPAIRED' }], [out('RK-1'), back])).not.toThrow();
  });

  it('refuses, in one 409 naming each by its place, a serial not on the RMA, a unit back already and one not RETURNED_FOR_RMA', () => {
    const error = refusal(() =>
      sut(
        'RMA-7',
        [
          { serial: 'RK-1', kind: 'REPAIRED' },
          { serial: 'RK-X', kind: 'REPAIRED' },
          { serial: 'RK-2', kind: 'REPAIRED' },
          { serial: 'RK-3', kind: 'REPLACED' },
        ],
        [out('RK-1'), back, { ...out('RK-3'), state: 'AWAITING_RETURN' }],
      ),
    );
    expect(error.message).toBe(
      'rack RK-X is not a unit of RMA RMA-7; rack RK-2 came back already (REPAIRED at 2026-11-25T09:00:00.000Z); rack RK-3 is AWAITING_RETURN, not RETURNED_FOR_RMA; ' +
        'RMA RMA-7 receives back only its own units that are still with the manufacturer (RK-1, RK-2, RK-3)',
    );
    expect(error).toMatchObject({
      code: 'ILLEGAL_TRANSITION',
      kind: 'conflict',
      details: [
        { field: 'units[1].serial', message: 'not a unit of RMA RMA-7' },
        { field: 'units[2].serial', message: 'already received at 2026-11-25T09:00:00.000Z' },
        { field: 'units[3].serial', message: 'is AWAITING_RETURN, not RETURNED_FOR_RMA' },
      ],
    });
  });
});

describe('assertReplacementsNew', () => {
  const sut = assertReplacementsNew;
  const units = [
    { serial: 'RK-1', kind: 'REPLACED' as const, replacementSerial: 'RK-NEW' },
    { serial: 'RK-2', kind: 'REPLACED' as const, replacementSerial: 'RK-OLD' },
  ];

  it('takes replacement serials intake has never seen', () => {
    expect(() => sut(units, [])).not.toThrow();
  });

  it('refuses a replacement serial intake knows (409 naming it)', () => {
    expect(refusal(() => sut(units, ['RK-OLD']))).toMatchObject({
      code: 'RACK_ALREADY_ON_SITE',
      kind: 'conflict',
      details: [{ field: 'units[1].replacementSerial', message: 'RK-OLD is already known to intake' }],
    });
  });
});

describe('history lines', () => {
  it('say how the unit came back, under which RMA, as which incarnation, with the note', () => {
    expect(returnedReason('REPAIRED', 'RMA-7', 2)).toBe('returned REPAIRED under RMA RMA-7, incarnation 2');
    expect(returnedReason('REPLACED', 'RMA-7', 3, 'new PSU shelf')).toBe('returned REPLACED under RMA RMA-7, incarnation 3: new PSU shelf');
    expect(replacedReason('RK-9', 'RMA-7')).toBe('replaced by RK-9 under RMA RMA-7');
  });
});
