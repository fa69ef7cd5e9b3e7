import type { RackReceivedV1 } from '../events/intake.events';

/**
 * A valid RackReceived payload for `serial`: a G1 rack delivered as DEL-<serial> to PDX-1 in LOT-1,
 * received now by ines, its 1,000,000.00 USD BOM 41.50 % domestic against a 40.00 % target.
 */
export function rackReceivedData(serial: string, overrides: Partial<RackReceivedV1> = {}): RackReceivedV1 {
  return {
    rackSerial: serial,
    generation: 'G1',
    occurredAt: new Date().toISOString(),
    actor: 'ines',
    deliveryReference: `DEL-${serial}`,
    site: 'PDX-1',
    lot: 'LOT-1',
    domesticContentPct: '41.50',
    domesticContentTargetPct: '40.00',
    bomCost: '1000000.00',
    bomCurrency: 'USD',
    ...overrides,
  };
}
