import type { Client } from 'pg';
import { randomUUID } from 'node:crypto';
import { copyRows } from '@rackeval/platform';
import { FleetRack, bomFigures, concluded } from './model';
import { evaluationOf, GenerationSetup } from './results-rows';

const DAY = 86_400_000;
const decimal = (value: number) => value.toFixed(6).replace(/\.?0+$/, '');
const stored = (f: { metric: string; unit: string; measured: number; target: number }) => ({
  metric: f.metric,
  unit: f.unit,
  measured: decimal(f.measured),
  target: decimal(f.target),
});

export interface OptionTerms {
  version: number;
  windowDays: number;
}

/** Options in every state, results' evaluations as purchase-option keeps them, and the audit trail. */
export async function seedOptions(
  client: Client,
  schema: string,
  racks: readonly FleetRack[],
  setups: ReadonlyMap<string, GenerationSetup>,
  terms: ReadonlyMap<string, OptionTerms>,
  targetPct: string,
): Promise<number> {
  const ended = (r: FleetRack) => ['EXERCISED', 'DECLINED'].includes(r.optionState);
  const decidedAt = (r: FleetRack) => new Date(r.verdictAt.getTime() + 2 * DAY);
  let rows = await copyRows(
    client,
    `${schema}.purchase_option`,
    [
      'rack_serial',
      'generation',
      'state',
      'terms_version',
      'delivery_reference',
      'site',
      'lot',
      'domestic_content_pct',
      'domestic_content_target_pct',
      'bom_cost',
      'bom_currency',
      'received_at',
      'opened_at',
      'verdict_at',
      'expires_at',
      'decided_by',
      'decision_rationale',
      'ended_at',
      'version',
      'updated_at',
    ],
    racks.map((r) => {
      const { cost, domesticPct } = bomFigures(r);
      const t = terms.get(r.generation)!;
      const verdict = concluded(r) ? r.verdictAt : null;
      // Open options expire in the future so the finance queue has days left to show.
      const expires = verdict ? new Date(Math.max(verdict.getTime(), Date.now() - 5 * DAY) + t.windowDays * DAY) : null;
      const done = ended(r);
      return [
        r.serial,
        r.generation,
        r.optionState,
        t.version,
        r.deliveryReference,
        r.site,
        r.lot,
        domesticPct,
        targetPct,
        cost,
        'USD',
        r.receivedAt,
        r.receivedAt,
        verdict,
        expires,
        done ? 'fiona' : null,
        done ? 'seeded decision' : null,
        done ? decidedAt(r) : null,
        done ? 3 : verdict ? 2 : 1,
        done ? decidedAt(r) : (verdict ?? r.receivedAt),
      ];
    }),
  );
  rows += await copyRows(
    client,
    `${schema}.rack_evaluation`,
    [
      'rack_serial',
      'generation',
      'outcome',
      'criteria_met',
      'criteria_total',
      'performance',
      'power',
      'performance_per_watt',
      'performance_run_power',
      'failed_suites',
      'concluded_at',
      'event_id',
    ],
    racks.filter(concluded).map((r) => {
      const { outcome, summary: s } = evaluationOf(r, setups.get(r.generation)!);
      // The burn-in run measured both, so its power is the performance run's power.
      return [
        r.serial,
        r.generation,
        outcome,
        s.criteriaMet,
        s.criteriaTotal,
        stored(s.performance),
        stored(s.power),
        stored(s.performancePerWatt),
        stored(s.power),
        s.failedSuites,
        r.verdictAt,
        randomUUID(),
      ];
    }),
  );
  rows += await copyRows(
    client,
    `${schema}.option_audit`,
    ['rack_serial', 'action', 'actor', 'occurred_at', 'from_state', 'to_state', 'reason', 'terms_version'],
    (function* () {
      for (const r of racks) {
        const t = terms.get(r.generation)!.version;
        yield [r.serial, 'OPENED', 'ines', r.receivedAt, null, 'PENDING_EVALUATION', 'rack received', t];
        if (!concluded(r)) continue;
        const passed = r.run!.outcome === 'PASS';
        const to = passed ? 'EXERCISABLE' : 'NOT_EXERCISABLE';
        yield [
          r.serial,
          passed ? 'EVALUATION_PASSED' : 'EVALUATION_FAILED',
          'results',
          r.verdictAt,
          'PENDING_EVALUATION',
          to,
          'evaluation concluded',
          t,
        ];
        if (ended(r))
          yield [
            r.serial,
            r.optionState === 'EXERCISED' ? 'EXERCISED' : 'DECLINED',
            'fiona',
            decidedAt(r),
            to,
            r.optionState,
            'seeded decision',
            t,
          ];
      }
    })(),
  );
  return rows;
}
