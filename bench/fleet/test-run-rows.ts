import type { Client } from 'pg';
import { randomUUID } from 'node:crypto';
import { copyRows } from '@rackeval/platform';
import { FleetRack, SITES, concluded, RUN_PLAN_COLUMNS } from './model';

const HOUR = 3_600_000;
export const BAYS_PER_SITE = 12;
const ABORT_CAUSES = ['FACILITY', 'OPERATOR', 'HOLD', 'DEVICE'] as const;
const ABORT_REASONS: Record<(typeof ABORT_CAUSES)[number], string> = {
  FACILITY: 'facility power trip',
  OPERATOR: 'scheduled on the wrong bay',
  HOLD: 'rack put on hold',
  DEVICE: 'rack would not power on',
};

/**
 * Bays and runs as test-run keeps them: a completed run per concluded rack, an aborted earlier
 * attempt for every ninth (causes in turn; DEVICE aborts used up attempt 1), and running runs for
 * as many in-evaluation racks as there are bays (a bay holds one active run).
 */
export async function seedTestRun(client: Client, schema: string, racks: readonly FleetRack[]): Promise<number> {
  const bays = SITES.flatMap((site) => Array.from({ length: BAYS_PER_SITE }, (_, i) => ({ code: `BAY-${site}-${i}`, site })));
  // A loop, not Math.min(...): spreading 750,000 arguments (the 10× fleet) overflows the call stack.
  const origin = racks.reduce((earliest, r) => Math.min(earliest, r.receivedAt.getTime()), Infinity);
  let rows = await copyRows(
    client,
    `${schema}.bay`,
    ['code', 'site', 'created_at', 'created_by'],
    bays.map((b) => [b.code, b.site, new Date(origin - 24 * HOUR), 'ada']),
  );
  const freeBays = [...bays];
  rows += await copyRows(
    client,
    `${schema}.run`,
    [
      'id',
      'rack_serial',
      'generation',
      'suite',
      'suite_name',
      ...RUN_PLAN_COLUMNS,
      'version',
      'scheduled_at',
      'scheduled_by',
      'started_at',
      'started_by',
      'completed_at',
      'completed_by',
      'aborted_at',
      'aborted_by',
      'abort_reason',
      'abort_cause',
    ],
    (function* () {
      const metrics = JSON.stringify(['training_throughput', 'rack_power']);
      /** One run of burn-in (2 attempts, required, plan version 1); every step taken is tariq's. */
      const runRow = (r: FleetRack, id: string, attempt: number, at: { code: string; site: string }, state: string, version: number) => [
        id,
        r.serial,
        r.generation,
        'burn-in',
        'Burn-in',
        attempt,
        2,
        true,
        1,
        metrics,
        at.code,
        at.site,
        state,
        version,
      ];
      const steps = (...times: Array<Date | null>) => times.flatMap((time) => [time, time && 'tariq']);
      for (const r of racks) {
        if (!r.run) continue;
        const bay = { code: `BAY-${r.site}-${r.index % BAYS_PER_SITE}`, site: r.site };
        const scheduled = new Date(r.receivedAt.getTime() + 2 * HOUR);
        const started = new Date(scheduled.getTime() + HOUR);
        if (r.index % 9 === 0) {
          const cause = ABORT_CAUSES[(r.index / 9) % ABORT_CAUSES.length];
          const earlier = (hours: number) => new Date(scheduled.getTime() - hours * HOUR);
          yield [
            ...runRow(r, randomUUID(), cause === 'DEVICE' ? 2 : 1, bay, 'ABORTED', 2),
            ...steps(earlier(3), earlier(2), null, earlier(1)),
            ABORT_REASONS[cause],
            cause,
          ];
        }
        if (concluded(r)) {
          const completed = new Date(r.verdictAt.getTime() - HOUR);
          yield [...runRow(r, r.run.runId, 1, bay, 'COMPLETED', 3), ...steps(scheduled, started, completed, null), null, null];
        } else if (freeBays.length) {
          yield [...runRow(r, r.run.runId, 1, freeBays.shift()!, 'RUNNING', 2), ...steps(scheduled, started, null, null), null, null];
        }
      }
    })(),
  );
  return rows;
}
