import type { Client } from 'pg';
import { randomUUID } from 'node:crypto';
import { copyRows } from '@rackeval/platform';
import { FleetRack, SITES, concluded } from './model';

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
  const origin = Math.min(...racks.map((r) => r.receivedAt.getTime()));
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
      'attempt',
      'max_attempts',
      'required',
      'plan_version',
      'metrics',
      'bay',
      'site',
      'state',
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
      for (const r of racks) {
        if (!r.run) continue;
        const bay = `BAY-${r.site}-${r.index % BAYS_PER_SITE}`;
        const scheduled = new Date(r.receivedAt.getTime() + 2 * HOUR);
        const base = [r.generation, 'burn-in', 'Burn-in', 2, true, 1, metrics];
        if (r.index % 9 === 0) {
          const cause = ABORT_CAUSES[(r.index / 9) % ABORT_CAUSES.length];
          const abortedAt = new Date(scheduled.getTime() - HOUR);
          yield [
            randomUUID(),
            r.serial,
            base[0],
            base[1],
            base[2],
            cause === 'DEVICE' ? 2 : 1,
            ...base.slice(3),
            bay,
            r.site,
            'ABORTED',
            2,
            new Date(scheduled.getTime() - 3 * HOUR),
            'tariq',
            new Date(scheduled.getTime() - 2 * HOUR),
            'tariq',
            null,
            null,
            abortedAt,
            'tariq',
            ABORT_REASONS[cause],
            cause,
          ];
        }
        if (concluded(r)) {
          const completed = new Date(r.verdictAt.getTime() - HOUR);
          yield [
            r.run.runId,
            r.serial,
            base[0],
            base[1],
            base[2],
            1,
            ...base.slice(3),
            bay,
            r.site,
            'COMPLETED',
            3,
            scheduled,
            'tariq',
            new Date(scheduled.getTime() + HOUR),
            'tariq',
            completed,
            'tariq',
            null,
            null,
            null,
            null,
          ];
        } else if (freeBays.length) {
          const free = freeBays.shift()!;
          yield [
            r.run.runId,
            r.serial,
            base[0],
            base[1],
            base[2],
            1,
            ...base.slice(3),
            free.code,
            free.site,
            'RUNNING',
            2,
            scheduled,
            'tariq',
            new Date(scheduled.getTime() + HOUR),
            'tariq',
            null,
            null,
            null,
            null,
            null,
            null,
          ];
        }
      }
    })(),
  );
  return rows;
}
