import type { Client } from 'pg';
import { randomUUID } from 'node:crypto';
import { copyRows } from '@rackeval/platform';
import { FleetRack, RACKS_PER_DELIVERY, bomFigures, bomLines } from './model';

const HOUR = 3_600_000;
const CHECKS = ['shock-tilt-indicators', 'visual-damage', 'coolant-leak-test', 'power-on-self-test'].map((name) => ({
  name,
  passed: true,
}));

/** The path each intake state was reached by, for the rack's history. */
const PATH: Record<string, string[]> = {
  RECEIVED: ['RECEIVED'],
  RELEASED_FOR_EVALUATION: ['RECEIVED', 'RELEASED_FOR_EVALUATION'],
  IN_EVALUATION: ['RECEIVED', 'RELEASED_FOR_EVALUATION', 'IN_EVALUATION'],
  EVALUATION_PASSED: ['RECEIVED', 'RELEASED_FOR_EVALUATION', 'IN_EVALUATION', 'EVALUATION_PASSED'],
  EVALUATION_FAILED: ['RECEIVED', 'RELEASED_FOR_EVALUATION', 'IN_EVALUATION', 'EVALUATION_FAILED'],
  PURCHASED: ['RECEIVED', 'RELEASED_FOR_EVALUATION', 'IN_EVALUATION', 'EVALUATION_PASSED', 'PURCHASED'],
  RETURNED: ['RECEIVED', 'RELEASED_FOR_EVALUATION', 'IN_EVALUATION', 'EVALUATION_FAILED', 'AWAITING_RETURN', 'RETURNED'],
};
const ACTOR: Record<string, string> = {
  RECEIVED: 'ines',
  RELEASED_FOR_EVALUATION: 'ines',
  IN_EVALUATION: 'test-run',
  AWAITING_RETURN: 'purchase-option',
  RETURNED: 'ines',
  PURCHASED: 'purchase-option',
};

/** Deliveries, racks, BOM lines, inspections and history, as intake writes them. */
export async function seedIntake(client: Client, schema: string, racks: readonly FleetRack[]): Promise<number> {
  let rows = 0;
  const deliveries = racks.filter((r) => r.index % RACKS_PER_DELIVERY === 0);
  rows += await copyRows(
    client,
    `${schema}.delivery`,
    ['reference', 'site', 'received_at', 'request_hash', 'registered_by', 'registered_at'],
    deliveries.map((r) => [r.deliveryReference, r.site, r.receivedAt, 'bench-seed', 'ines', r.receivedAt]),
  );
  rows += await copyRows(
    client,
    `${schema}.rack`,
    [
      'serial',
      'delivery_reference',
      'generation',
      'lot',
      'site',
      'state',
      'bom_cost',
      'bom_currency',
      'domestic_content_pct',
      'received_at',
      'updated_at',
      'version',
    ],
    racks.map((r) => {
      const { cost, domesticPct } = bomFigures(r);
      return [
        r.serial,
        r.deliveryReference,
        r.generation,
        r.lot,
        r.site,
        r.rackState,
        cost,
        'USD',
        domesticPct,
        r.receivedAt,
        r.verdictAt,
        PATH[r.rackState].length,
      ];
    }),
  );
  rows += await copyRows(
    client,
    `${schema}.bom_line`,
    ['rack_serial', 'line_no', 'part_number', 'category', 'quantity', 'unit_cost', 'currency', 'supplier', 'country_of_origin'],
    (function* () {
      for (const r of racks)
        for (const [i, l] of bomLines(r).entries())
          yield [r.serial, i + 1, l.partNumber, l.category, l.quantity, l.unitCost, 'USD', l.supplier, l.countryOfOrigin];
    })(),
  );
  rows += await copyRows(
    client,
    `${schema}.inspection`,
    ['id', 'rack_serial', 'outcome', 'checks', 'note', 'inspected_by', 'inspected_at'],
    racks
      .filter((r) => r.rackState !== 'RECEIVED')
      .map((r) => [randomUUID(), r.serial, 'ACCEPTED', CHECKS, null, 'ines', new Date(r.receivedAt.getTime() + HOUR)]),
  );
  rows += await copyRows(
    client,
    `${schema}.rack_history`,
    ['rack_serial', 'from_state', 'to_state', 'actor', 'reason', 'occurred_at', 'cause_event_id', 'event_id'],
    (function* () {
      for (const r of racks) {
        const path = PATH[r.rackState];
        for (const [i, state] of path.entries()) {
          yield [
            r.serial,
            i ? path[i - 1] : null,
            state,
            ACTOR[state] ?? 'results',
            `seeded: ${state.toLowerCase()}`,
            new Date(r.receivedAt.getTime() + i * HOUR),
            null,
            randomUUID(),
          ];
        }
      }
    })(),
  );
  return rows;
}
