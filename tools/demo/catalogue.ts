// The programme the demo sets up: three rack generations, their test plans, acceptance criteria,
// option terms, test bays at two sites, and bills of materials. Figures are plausible, not vendor data.
// Request shapes are the generated client's, narrowed to what the demo uses.
import type {
  Criterion as ApiCriterion,
  NewBomLine,
  NewCostTargets,
  NewGeneration,
  NewTerms,
  Suite as ApiSuite,
} from '@rackeval/api-client';

export type GenerationCode = 'G1' | 'G2' | 'G3';
export type Comparator = 'gte' | 'lte' | 'between';
export type Category = 'performance' | 'power' | 'thermal' | 'network';

export interface Generation extends NewGeneration {
  code: GenerationCode;
}

export const GENERATIONS: readonly Generation[] = [
  {
    code: 'G1',
    name: 'G1 air-cooled HGX (4 × 8-GPU servers)',
    cooling: 'air',
    rackPowerBudgetKw: '45.000',
    gpusPerRack: 32,
    domesticContentTargetPct: '25.00',
  },
  {
    code: 'G2',
    name: 'G2 direct-liquid NVL72',
    cooling: 'direct-liquid',
    rackPowerBudgetKw: '132.000',
    gpusPerRack: 72,
    domesticContentTargetPct: '40.00',
  },
  {
    code: 'G3',
    name: 'G3 single-phase immersion tank',
    cooling: 'immersion',
    rackPowerBudgetKw: '240.000',
    gpusPerRack: 144,
    domesticContentTargetPct: '55.00',
  },
];

export interface Criterion extends ApiCriterion {
  comparator: Comparator;
  category: Category;
  aggregation: 'mean' | 'p95' | 'p99';
}

/** One metric's behaviour on a healthy rack: the mean and the relative spread of its samples. */
interface Nominal {
  mean: number;
  spread: number;
}

type Thresholds = { min?: number; max?: number };

const METRICS: Record<string, Omit<Criterion, 'min' | 'max' | 'required'> & { optional?: boolean }> = {
  training_throughput: { metric: 'training_throughput', unit: 'tokens/s', comparator: 'gte', category: 'performance', aggregation: 'mean' },
  mfu: { metric: 'mfu', unit: '%', comparator: 'gte', category: 'performance', aggregation: 'mean', optional: true },
  rack_power: { metric: 'rack_power', unit: 'kW', comparator: 'lte', category: 'power', aggregation: 'p95' },
  cap_settle_time: { metric: 'cap_settle_time', unit: 's', comparator: 'lte', category: 'power', aggregation: 'p95' },
  cap_overshoot: { metric: 'cap_overshoot', unit: '%', comparator: 'lte', category: 'power', aggregation: 'p95', optional: true },
  gpu_temp_max: { metric: 'gpu_temp_max', unit: 'degC', comparator: 'lte', category: 'thermal', aggregation: 'p99' },
  inlet_temp: { metric: 'inlet_temp', unit: 'degC', comparator: 'between', category: 'thermal', aggregation: 'mean' },
  allreduce_busbw: { metric: 'allreduce_busbw', unit: 'GB/s', comparator: 'gte', category: 'network', aggregation: 'mean' },
  fabric_bandwidth: {
    metric: 'fabric_bandwidth',
    unit: 'Gbit/s',
    comparator: 'gte',
    category: 'network',
    aggregation: 'mean',
    optional: true,
  },
};

type Figures = Thresholds & { mean: number; spread?: number };
/** A metric's figures in G1, G2 and G3, each with `spread` unless it gives its own. */
const across = (spread: number, g1: Figures, g2: Figures, g3: Figures): Record<GenerationCode, Thresholds & Nominal> => ({
  G1: { spread, ...g1 },
  G2: { spread, ...g2 },
  G3: { spread, ...g3 },
});

/** Per metric, in each generation: its thresholds and what a healthy rack measures. */
const FIGURES: Record<string, Record<GenerationCode, Thresholds & Nominal>> = {
  training_throughput: across(0.02, { min: 88_000, mean: 95_500 }, { min: 420_000, mean: 456_000 }, { min: 1_000_000, mean: 1_082_000 }),
  mfu: across(0.03, { min: 38, mean: 42.5 }, { min: 40, mean: 45.1 }, { min: 42, mean: 47.3 }),
  rack_power: across(0.02, { max: 45, mean: 39.2, spread: 0.025 }, { max: 132, mean: 117.8 }, { max: 240, mean: 213.5 }),
  cap_settle_time: across(0.12, { max: 2.0, mean: 1.1 }, { max: 1.5, mean: 0.82 }, { max: 1.0, mean: 0.55 }),
  cap_overshoot: across(0.15, { max: 5, mean: 2.4 }, { max: 4, mean: 1.8 }, { max: 3, mean: 1.2 }),
  gpu_temp_max: across(0.02, { max: 87, mean: 77.5 }, { max: 83, mean: 71.2 }, { max: 78, mean: 66.4 }),
  inlet_temp: across(0.03, { min: 18, max: 27, mean: 22.5, spread: 0.035 }, { min: 20, max: 45, mean: 35 }, { min: 25, max: 50, mean: 40 }),
  allreduce_busbw: across(0.015, { min: 340, mean: 368 }, { min: 680, mean: 726 }, { min: 1_300, mean: 1_392 }),
  fabric_bandwidth: across(0.012, { min: 360, mean: 386 }, { min: 720, mean: 768 }, { min: 1_440, mean: 1_532 }),
};

export function criteriaOf(generation: GenerationCode): Criterion[] {
  return Object.values(METRICS).map(({ optional, ...metric }) => {
    const { min, max } = FIGURES[metric.metric][generation];
    return { ...metric, ...(min !== undefined ? { min } : {}), ...(max !== undefined ? { max } : {}), required: !optional };
  });
}

export function figureOf(generation: GenerationCode, metric: string): Criterion & Nominal {
  const criterion = criteriaOf(generation).find((c) => c.metric === metric)!;
  return { ...criterion, ...FIGURES[metric][generation] };
}

export type Suite = ApiSuite;

const suite = (key: string, name: string, required: boolean, maxAttempts: number, metrics: string[]): Suite => ({
  key,
  name,
  required,
  maxAttempts,
  metrics,
});

/** Suites in the order the demo runs them; the last one is required, so optional runs come before the verdict. */
export const TEST_PLANS: Record<GenerationCode, Suite[]> = {
  G1: [
    suite('burn-in', 'Burn-in, 48 h at full load', true, 2, ['rack_power', 'gpu_temp_max']),
    suite('thermal-soak', 'Thermal soak, 12 h at 35 °C room', true, 2, ['gpu_temp_max', 'inlet_temp']),
    suite('power-capping', 'Power capping step response', false, 1, ['cap_settle_time', 'cap_overshoot']),
    suite('fabric-bandwidth', 'NCCL all-reduce and RoCE fabric', false, 2, ['allreduce_busbw', 'fabric_bandwidth']),
    suite('training-throughput', 'Llama-70B training throughput', true, 3, ['training_throughput', 'mfu', 'rack_power']),
  ],
  G2: [
    suite('burn-in', 'Burn-in, 48 h at full load', true, 2, ['rack_power', 'gpu_temp_max']),
    suite('thermal-soak', 'Thermal soak, coolant at W45', true, 2, ['gpu_temp_max', 'inlet_temp']),
    suite('power-capping', 'Power capping step response', true, 2, ['cap_settle_time', 'cap_overshoot']),
    suite('fabric-bandwidth', 'NVLink all-reduce and 800G fabric', true, 2, ['allreduce_busbw', 'fabric_bandwidth']),
    suite('training-throughput', 'Llama-405B training throughput', true, 3, ['training_throughput', 'mfu', 'rack_power']),
  ],
  G3: [
    suite('burn-in', 'Burn-in, 72 h at full load', true, 3, ['rack_power', 'gpu_temp_max']),
    suite('thermal-soak', 'Thermal soak, dielectric fluid at 50 °C', true, 2, ['gpu_temp_max', 'inlet_temp']),
    suite('power-capping', 'Power capping step response', true, 1, ['cap_settle_time', 'cap_overshoot']),
    suite('fabric-bandwidth', 'NVLink all-reduce and 1.6T fabric', true, 2, ['allreduce_busbw', 'fabric_bandwidth']),
    suite('training-throughput', 'Mixture-of-experts training throughput', true, 2, ['training_throughput', 'mfu', 'rack_power']),
  ],
};

/** Which required suite a failing rack of each generation fails, with every attempt. */
export const FAILING_SUITE: Record<GenerationCode, string> = { G1: 'thermal-soak', G2: 'training-throughput', G3: 'fabric-bandwidth' };

export interface Terms extends NewTerms {
  currency: 'USD';
}

/** G1 sits under its approval threshold (one finance user decides); G2 and G3 need a second approver. */
export const TERMS: Record<GenerationCode, Terms> = {
  G1: { unitPrice: '1185000.00', currency: 'USD', windowDays: 30, approvalThreshold: '1500000.00' },
  G2: { unitPrice: '3890000.00', currency: 'USD', windowDays: 45, approvalThreshold: '2500000.00' },
  G3: { unitPrice: '5450000.00', currency: 'USD', windowDays: 60, approvalThreshold: '5000000.00' },
};

/**
 * Cost targets per generation, set so that the figures land on both sides: G1's price per token/s
 * and G2's TCO per token/s split their racks, G3's price is above its ceiling (every G3 rack misses
 * and needs a waiver to be bought), and racks sourced offshore miss domestic content.
 */
export const COST_TARGETS: Record<GenerationCode, NewCostTargets> = {
  G1: {
    currency: 'USD',
    performanceUnit: 'tokens/s',
    maxUnitPrice: '1200000.00',
    maxPricePerPerformanceUnit: '12.40',
    energyPricePerKwh: '0.08',
    pue: '1.4',
    horizonYears: '5',
    maxTcoPerPerformanceUnit: '14.60',
  },
  G2: {
    currency: 'USD',
    performanceUnit: 'tokens/s',
    maxUnitPrice: '4000000.00',
    maxPricePerPerformanceUnit: '8.75',
    energyPricePerKwh: '0.08',
    pue: '1.15',
    horizonYears: '5',
    maxTcoPerPerformanceUnit: '9.57',
  },
  G3: {
    currency: 'USD',
    performanceUnit: 'tokens/s',
    maxUnitPrice: '5200000.00',
    maxPricePerPerformanceUnit: '5.20',
    energyPricePerKwh: '0.08',
    pue: '1.05',
    horizonYears: '5',
    maxTcoPerPerformanceUnit: '6.00',
  },
};

export const SITES = ['PDX-1', 'AUS-2'] as const;
export type Site = (typeof SITES)[number];
export const BAYS_PER_SITE = 8;
export const bayCode = (site: Site, n: number) => `BAY-${site.slice(0, 3)}-${String(n).padStart(2, '0')}`;

export interface BomLine extends NewBomLine {
  currency: 'USD';
}

/** Where the parts come from: onshore assembly, a mix, or mostly offshore (domestic content follows). */
export type Sourcing = 'onshore' | 'mixed' | 'offshore';

const line = (
  partNumber: string,
  category: BomLine['category'],
  quantity: number,
  unitCost: string,
  supplier: string,
  countryOfOrigin: string,
): BomLine => ({
  partNumber,
  category,
  quantity,
  unitCost,
  currency: 'USD',
  supplier,
  countryOfOrigin,
});

export function bomOf(generation: GenerationCode, sourcing: Sourcing): BomLine[] {
  // Made in the US unless sourcing is offshore (`us`), or only when it is onshore (`half`).
  const us = (offshore: string) => (sourcing === 'offshore' ? offshore : 'US');
  const half = (offshore: string) => (sourcing === 'onshore' ? 'US' : offshore);
  /** The compute trays, bought in two lots sourced like `us` and `half` parts: from `assembler` when made in the US. */
  const trays = (partNumber: string, quantity: number, unitCost: string, assembler: string, lots: [string, string][]) =>
    lots.map(([supplier, offshore], lot) => {
      const origin = (lot === 0 ? us : half)(offshore);
      return line(partNumber, 'compute', quantity, unitCost, origin === 'US' ? assembler : supplier, origin);
    });
  switch (generation) {
    case 'G1':
      return [
        ...trays('HGX-H8-SRV', 2, '268000.00', 'Supermicro', [
          ['Wiwynn', 'TW'],
          ['Wiwynn', 'TW'],
        ]),
        line('CX7-400G-NIC', 'networking', 32, '1850.00', 'NVIDIA', 'IL'),
        line('SN5600-TOR', 'networking', 1, '38500.00', 'Celestica', half('TH')),
        line('FAN-WALL-42U', 'cooling', 1, '6200.00', 'Vertiv', us('MX')),
        line('PDU-3PH-60A', 'power', 2, '3150.00', 'Eaton', us('MX')),
        line('DAC-400G-2M', 'cabling', 40, '142.5000', 'Amphenol', half('CN')),
        line('RACK-42U-STEEL', 'mechanical', 1, '4800.00', 'Rittal', us('DE')),
      ];
    case 'G2':
      return [
        ...trays('GB-TRAY-4GPU', 9, '372000.00', 'Foxconn Houston', [
          ['Foxconn', 'TW'],
          ['Quanta', 'TW'],
        ]),
        line('NVSWITCH-TRAY', 'networking', 9, '29500.00', 'Quanta', half('MX')),
        line('CX8-800G-NIC', 'networking', 72, '2400.00', 'NVIDIA', 'IL'),
        line('CDU-250KW', 'cooling', 1, '41250.50', 'Vertiv', 'US'),
        line('COLD-PLATE-KIT', 'cooling', 18, '1875.00', 'CoolIT', half('CA')),
        line('PSU-SHELF-33KW', 'power', 8, '6400.00', 'Delta', us('TH')),
        line('NVLINK-SPINE-CU', 'cabling', 1, '28750.00', 'Amphenol', half('MX')),
        line('RACK-MGX-48U', 'mechanical', 1, '12900.00', 'Wiwynn', us('MX')),
      ];
    case 'G3':
      return [
        ...trays('IMM-SLED-8GPU', 9, '318000.00', 'Sanmina', [
          ['Inventec', 'TW'],
          ['Inventec', 'MY'],
        ]),
        line('NVSWITCH-SLED', 'networking', 6, '31800.00', 'Celestica', half('TH')),
        line('CX9-1600G-NIC', 'networking', 144, '3100.00', 'NVIDIA', 'IL'),
        line('TANK-IMM-52U', 'cooling', 1, '96500.00', 'GRC', 'US'),
        line('DIELECTRIC-FLUID-L', 'cooling', 1800, '18.4500', 'Shell', us('NL')),
        line('BUSBAR-415V', 'power', 2, '14800.00', 'Schneider Electric', us('FR')),
        line('OSFP-1600G-AOC', 'cabling', 160, '960.00', 'Coherent', half('VN')),
        line('TANK-FRAME', 'mechanical', 1, '8900.00', 'Sanmina', us('MX')),
      ];
  }
}
