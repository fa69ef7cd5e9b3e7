// Which racks the demo delivers and where in the lifecycle each one ends up.
import { GenerationCode, Site, Sourcing } from './catalogue';

export type Scenario =
  | 'received'
  | 'quarantined'
  | 'released'
  | 'requarantined-released'
  | 'rejected'
  | 'rejected-returned'
  | 'in-evaluation'
  | 'passed'
  | 'passed-short-window'
  | 'lapsed'
  | 'failed'
  | 'failed-declined-returned'
  | 'reopened-passed'
  | 'corrected-released'
  | 'pending-approval'
  | 'purchased'
  | 'declined'
  | 'declined-returned'
  | 'held'
  | 'withdrawn'
  | 'facility-aborted-passed';

/** The intake state each scenario leaves its rack in, once every service has caught up. */
export const FINAL_RACK_STATE: Record<Scenario, string> = {
  received: 'RECEIVED',
  quarantined: 'QUARANTINED',
  released: 'RELEASED_FOR_EVALUATION',
  'requarantined-released': 'RELEASED_FOR_EVALUATION',
  rejected: 'REJECTED_AT_INTAKE',
  'rejected-returned': 'RETURNED',
  'in-evaluation': 'IN_EVALUATION',
  passed: 'EVALUATION_PASSED',
  'passed-short-window': 'EVALUATION_PASSED',
  lapsed: 'AWAITING_RETURN',
  failed: 'EVALUATION_FAILED',
  'failed-declined-returned': 'RETURNED',
  'reopened-passed': 'EVALUATION_PASSED',
  'corrected-released': 'RELEASED_FOR_EVALUATION',
  'pending-approval': 'EVALUATION_PASSED',
  purchased: 'PURCHASED',
  declined: 'AWAITING_RETURN',
  'declined-returned': 'RETURNED',
  held: 'ON_HOLD',
  withdrawn: 'AWAITING_RETURN',
  'facility-aborted-passed': 'EVALUATION_PASSED',
};

/** Racks per scenario (60 in all); the evaluations come first in the queue, they take longest. */
const MIX: ReadonlyArray<[Scenario, number, GenerationCode[]?]> = [
  ['purchased', 8],
  ['passed', 7],
  // a facility trip aborts the first run; the attempt is kept and the rack then passes
  ['facility-aborted-passed', 1],
  // failed, re-opened by an admin with one more attempt, then passed (the verdict history keeps both)
  ['reopened-passed', 1],
  ['pending-approval', 4, ['G2', 'G3']],
  ['declined', 3],
  ['declined-returned', 2],
  ['failed', 4],
  ['failed-declined-returned', 3],
  ['in-evaluation', 5],
  // put on hold mid-run (the run is aborted with cause HOLD, its attempt kept), still held
  ['held', 1],
  // damaged in evaluation and withdrawn: the run is aborted, the option ends WITHDRAWN, the rack awaits return
  ['withdrawn', 1],
  ['passed-short-window', 3, ['G2']],
  ['lapsed', 2, ['G1']],
  ['released', 2],
  // the BOM corrected at intake (a line's origin was wrong), domestic content recomputed, then released
  ['corrected-released', 1],
  ['requarantined-released', 2],
  ['quarantined', 3],
  ['rejected', 2],
  ['rejected-returned', 2],
  ['received', 3],
];

/** Option terms some deliveries arrive under: an expedited lot with a short window, a lot that lapses. */
export const SPECIAL_WINDOWS: Partial<Record<Scenario, { generation: GenerationCode; windowDays: number; why: string }>> = {
  'passed-short-window': { generation: 'G2', windowDays: 3, why: 'expedited pilot lot, 3-day option window' },
  lapsed: { generation: 'G1', windowDays: 0, why: 'end-of-life lot, option lapses at the next sweep' },
};

export interface RackPlan {
  index: number;
  serial: string;
  generation: GenerationCode;
  site: Site;
  lot: string;
  sourcing: Sourcing;
  scenario: Scenario;
  /** The unit's own offset from nominal figures, -1.5 % … +3 %. */
  quality: number;
  /** Varies the path within a scenario: a flaky first attempt, an aborted run, who decides. */
  variant: number;
}

export interface DeliveryPlan {
  reference: string;
  site: Site;
  receivedAt: string;
  racks: RackPlan[];
  special?: { generation: GenerationCode; windowDays: number; why: string };
}

const GENERATIONS: GenerationCode[] = ['G1', 'G2', 'G3'];
const SOURCING: Sourcing[] = ['onshore', 'mixed', 'offshore', 'mixed', 'onshore'];
const CARRIERS = ['DHL', 'FDXF', 'UPSF', 'CEVA', 'XPO'];
const DAY_MS = 86_400_000;

export function planDemo(tag: string, now = new Date()): { racks: RackPlan[]; deliveries: DeliveryPlan[] } {
  const racks: RackPlan[] = [];
  const counter: Record<GenerationCode, number> = { G1: 0, G2: 0, G3: 0 };
  for (const [scenario, count, generations = GENERATIONS] of MIX) {
    for (let i = 0; i < count; i++) {
      const index = racks.length;
      const generation = generations[(i + index) % generations.length];
      const number = ++counter[generation];
      racks.push({
        index,
        serial: `RK-${tag}-${generation}-${String(number).padStart(3, '0')}`,
        generation,
        site: index % 3 === 2 ? 'AUS-2' : 'PDX-1',
        lot: `LOT-${generation}-${String.fromCharCode(65 + (number % 4))}`,
        sourcing: SOURCING[index % SOURCING.length],
        scenario,
        quality: (((index * 37) % 10) - 3) / 200,
        variant: i,
      });
    }
  }
  const deliveries: DeliveryPlan[] = [];
  const deliver = (members: RackPlan[], special?: DeliveryPlan['special']) => {
    const n = deliveries.length;
    const site = members[0].site;
    deliveries.push({
      reference: `${CARRIERS[n % CARRIERS.length]}-${tag}-${String(n + 1).padStart(2, '0')}`,
      site,
      receivedAt: new Date(now.getTime() - (12 - n) * DAY_MS + n * 3_600_000).toISOString().replace(/\.\d{3}Z$/, 'Z'),
      racks: members.map((rack) => ({ ...rack, site })),
      ...(special ? { special } : {}),
    });
  };
  // Deliveries under special terms go first, before any other option of this run opens.
  for (const [scenario, special] of Object.entries(SPECIAL_WINDOWS))
    deliver(
      racks.filter((r) => r.scenario === scenario),
      special,
    );
  const ordinary = racks.filter((r) => !SPECIAL_WINDOWS[r.scenario]);
  for (const site of ['PDX-1', 'AUS-2'] as const) {
    const atSite = ordinary.filter((r) => r.site === site);
    for (let i = 0; i < atSite.length; i += 7) deliver(atSite.slice(i, i + 7));
  }
  // Deliveries may move a rack to the delivery's site; keep each plan in step with its delivery.
  const bySerial = new Map(deliveries.flatMap((d) => d.racks.map((r) => [r.serial, r] as const)));
  return { racks: racks.map((r) => bySerial.get(r.serial)!), deliveries };
}
