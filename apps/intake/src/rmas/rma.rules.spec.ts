import { IntakeError } from '../intake.errors';
import { assertRmaUnits, assertShippedAt, CLOCK_SKEW_MS } from './rma.rules';

describe('assertRmaUnits', () => {
  const sut = assertRmaUnits;
  const awaiting = (serial: string) => ({ serial, state: 'AWAITING_RETURN' as const });

  it('takes racks awaiting return that are on no RMA, or only on cancelled ones', () => {
    expect(() => sut(['RK-1', 'RK-2'], [awaiting('RK-1'), awaiting('RK-2')], [])).not.toThrow();
    expect(() => sut(['RK-1'], [awaiting('RK-1')], [{ serial: 'RK-1', rmaNumber: 'RMA-OLD', state: 'CANCELLED' }])).not.toThrow();
  });

  it('refuses unknown serials first (404), naming each by its place in the request', () => {
    const refusal = () => sut(['RK-1', 'RK-X', 'RK-Y'], [{ serial: 'RK-1', state: 'PURCHASED' }], []);
    expect(refusal).toThrow('rack RK-X, rack RK-Y are not known to intake');
    try {
      refusal();
    } catch (error) {
      expect(error).toMatchObject({
        code: 'RACK_NOT_FOUND',
        kind: 'not-found',
        details: [
          { field: 'serials[1]', message: 'no rack RK-X' },
          { field: 'serials[2]', message: 'no rack RK-Y' },
        ],
      });
    }
  });

  it('refuses a rack not awaiting return (409), naming the serial and its state', () => {
    const refusal = () => sut(['RK-1', 'RK-2'], [awaiting('RK-1'), { serial: 'RK-2', state: 'EVALUATION_FAILED' }], []);
    expect(refusal).toThrow('rack RK-2 is EVALUATION_FAILED; an RMA takes only racks AWAITING_RETURN');
    try {
      refusal();
    } catch (error) {
      expect(error).toBeInstanceOf(IntakeError);
      expect(error).toMatchObject({
        code: 'RACK_NOT_AWAITING_RETURN',
        kind: 'conflict',
        details: [{ field: 'serials[1]', message: 'is EVALUATION_FAILED, not AWAITING_RETURN' }],
      });
    }
  });

  it.each(['OPEN', 'SHIPPED'] as const)('refuses a rack already on an RMA that is %s (409), naming that RMA', (state) => {
    const refusal = () => sut(['RK-1'], [awaiting('RK-1')], [{ serial: 'RK-1', rmaNumber: 'RMA-7', state }]);
    expect(refusal).toThrow(`rack RK-1 is on RMA RMA-7 (${state}); a rack is on one open or shipped RMA at a time`);
    try {
      refusal();
    } catch (error) {
      expect(error).toMatchObject({ code: 'RACK_ON_ANOTHER_RMA', kind: 'conflict', details: [{ field: 'serials[0]' }] });
    }
  });
});

describe('assertShippedAt', () => {
  const sut = assertShippedAt;
  const now = new Date('2026-11-30T10:00:00.000Z');

  it('takes a shipment in the past or now, and one within the clock skew a client may have', () => {
    expect(() => sut('2026-11-29T16:30:00Z', now)).not.toThrow();
    expect(() => sut('2026-11-30T10:00:00Z', now)).not.toThrow();
    expect(() => sut(new Date(now.getTime() + CLOCK_SKEW_MS).toISOString(), now)).not.toThrow();
  });

  it('refuses a shipment in the future with a 400 naming shippedAt', () => {
    const refusal = () => sut('2026-12-01T09:00:00Z', now);
    expect(refusal).toThrow('shippedAt 2026-12-01T09:00:00Z is in the future (it is now 2026-11-30T10:00:00.000Z)');
    try {
      refusal();
    } catch (error) {
      expect(error).toMatchObject({ code: 'INVALID_RMA', kind: 'bad-input', details: [{ field: 'shippedAt' }] });
    }
  });
});
