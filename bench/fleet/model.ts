import { randomUUID } from 'node:crypto';

/** Where a seeded rack stands; intake state, option state and whether results has a run / verdict. */
const PROFILE = [
  { rack: 'RECEIVED', option: 'PENDING_EVALUATION', run: undefined },
  { rack: 'RELEASED_FOR_EVALUATION', option: 'PENDING_EVALUATION', run: undefined },
  ...Array(4).fill({ rack: 'IN_EVALUATION', option: 'PENDING_EVALUATION', run: 'RUNNING' }),
  ...Array(6).fill({ rack: 'EVALUATION_PASSED', option: 'EXERCISABLE', run: 'PASS' }),
  ...Array(2).fill({ rack: 'EVALUATION_FAILED', option: 'NOT_EXERCISABLE', run: 'FAIL' }),
  ...Array(4).fill({ rack: 'PURCHASED', option: 'EXERCISED', run: 'PASS' }),
  ...Array(2).fill({ rack: 'RETURNED', option: 'DECLINED', run: 'FAIL' }),
] as Array<{ rack: string; option: string; run?: 'RUNNING' | 'PASS' | 'FAIL' }>;

export const SITES = ['PDX-1', 'AUS-2', 'PHX-3'];
export const RACKS_PER_DELIVERY = 25;
/** The columns a measurement row is copied into results' measurement table with, in their order. */
const MEASUREMENT_FIELDS = 'run_id metric value unit original_value original_unit component observed_at recorded_by source';
export const MEASUREMENT_COLUMNS = MEASUREMENT_FIELDS.split(' ');
/** The columns a run row has in both test-run and results (its plan and where it runs), in their order. */
export const RUN_PLAN_COLUMNS = ['attempt', 'max_attempts', 'required', 'plan_version', 'metrics', 'bay', 'site', 'state'];
const DAY = 86_400_000;

export interface FleetRack {
  index: number;
  serial: string;
  generation: string;
  deliveryReference: string;
  site: string;
  lot: string;
  rackState: string;
  optionState: string;
  /** undefined: no run yet. */
  run?: { runId: string; outcome: 'RUNNING' | 'PASS' | 'FAIL'; throughput: number; powerKw: number };
  usOrigin: boolean;
  receivedAt: Date;
  verdictAt: Date;
}

/** A deterministic fleet: racks spread round-robin over generations, states in fixed proportions. */
export function fleet(size: number, generations: readonly string[], origin = Date.UTC(2026, 5, 1)): FleetRack[] {
  return Array.from({ length: size }, (_, index) => {
    const generation = generations[index % generations.length];
    const n = Math.floor(index / generations.length);
    const profile = PROFILE[(n * 7 + index) % PROFILE.length];
    const delivery = Math.floor(index / RACKS_PER_DELIVERY);
    const receivedAt = new Date(origin + delivery * 3_600_000);
    const pass = profile.run === 'PASS';
    return {
      index,
      serial: `RK-${generation}-${String(n + 1).padStart(6, '0')}`,
      generation,
      deliveryReference: `FLT-DLV-${String(delivery + 1).padStart(6, '0')}`,
      site: SITES[delivery % SITES.length],
      lot: `LOT-${generation}-${delivery % 40}`,
      rackState: profile.rack,
      optionState: profile.option,
      ...(profile.run
        ? {
            run: {
              runId: randomUUID(),
              outcome: profile.run,
              throughput: pass ? 3100 + (index % 700) : 2500 + (index % 400),
              powerKw: pass ? 110 + (index % 19) : 128 + (index % 9),
            },
          }
        : {}),
      usOrigin: index % 3 !== 0,
      receivedAt,
      verdictAt: new Date(receivedAt.getTime() + 10 * DAY + (index % 20) * DAY),
    };
  });
}

export function bomLines(rack: FleetRack) {
  return [
    {
      partNumber: 'GPU-TRAY-8',
      category: 'compute',
      quantity: 9,
      unitCost: '180000.00',
      supplier: 'Foxconn',
      countryOfOrigin: rack.usOrigin ? 'US' : 'TW',
    },
    { partNumber: 'NVSWITCH-TRAY', category: 'networking', quantity: 9, unitCost: '24000.00', supplier: 'Quanta', countryOfOrigin: 'MX' },
    { partNumber: 'CDU-250', category: 'cooling', quantity: 1, unitCost: '38000.50', supplier: 'Vertiv', countryOfOrigin: 'US' },
    { partNumber: 'PSU-33KW', category: 'power', quantity: 6, unitCost: '4200.00', supplier: 'Delta', countryOfOrigin: 'TH' },
  ];
}

/** BOM cost and domestic content (cost share of US parts), as exact decimal strings. */
export function bomFigures(rack: FleetRack): { cost: string; domesticPct: string } {
  const cents = bomLines(rack).map((l) => ({
    cents: BigInt(l.unitCost.replace('.', '')) * BigInt(l.quantity),
    us: l.countryOfOrigin === 'US',
  }));
  const total = cents.reduce((sum, l) => sum + l.cents, 0n);
  const us = cents.filter((l) => l.us).reduce((sum, l) => sum + l.cents, 0n);
  const basisPoints = (us * 10000n * 2n + total) / (total * 2n);
  return {
    cost: `${total / 100n}.${String(total % 100n).padStart(2, '0')}`,
    domesticPct: `${basisPoints / 100n}.${String(basisPoints % 100n).padStart(2, '0')}`,
  };
}

export const concluded = (rack: FleetRack) => rack.run !== undefined && rack.run.outcome !== 'RUNNING';
