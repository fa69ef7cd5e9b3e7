import { withDatabase } from '@rackeval/testing';
import { DataSource } from 'typeorm';
import { OptionQueueRepository } from '../src/options/option-queue.repository';
import { startedService } from './fixtures';
import { withTextBody } from './support/text-body';

/** Options seeded straight into the table (one INSERT … SELECT generate_series), as months of deliveries would leave them. */
async function seedOptions(
  schema: string,
  generation: string,
  count: number,
  state: (i: string) => string,
  expiresAt: (i: string) => string,
): Promise<void> {
  await withDatabase((client) =>
    client.query(
      `INSERT INTO "${schema}".purchase_option (rack_serial, generation, state, delivery_reference, site, lot, domestic_content_pct, domestic_content_target_pct,
                                               bom_cost, bom_currency, received_at, opened_at, expires_at, updated_at)
       SELECT 'RK-${generation}-' || lpad(i::text, 6, '0'), '${generation}', ${state('i')}, 'DEL-' || i, 'AUS-1', 'LOT-1', 62.5, 60, 840000, 'USD',
              '2026-11-01T00:00:00Z', '2026-11-01T00:00:00Z', ${expiresAt('i')}, now()
         FROM generate_series(1, ${count}) AS i`,
    ),
  );
  await withDatabase((client) => client.query(`ANALYZE "${schema}".purchase_option`));
}

interface PlanNode {
  'Node Type': string;
  'Index Name'?: string;
  'Index Cond'?: string;
  'Actual Rows': number;
  'Actual Loops': number;
  'Rows Removed by Filter'?: number;
  Plans?: PlanNode[];
}
const nodes = (node: PlanNode): PlanNode[] => [node, ...(node.Plans ?? []).flatMap(nodes)];

describe('option lists and exports at scale', () => {
  const sut = startedService({ LAPSE_SWEEP_INTERVAL_SECONDS: '3600' });
  let schema: string;

  beforeAll(async () => {
    schema = sut.service.config.DATABASE_SCHEMA;
  });

  it('reads page 40 of the finance queue as an index range of its own rows, not every option that expires earlier', async () => {
    // 6,000 options in one generation: a third EXERCISABLE, the rest in other states interleaved in expiry order; some without expiry.
    await seedOptions(
      schema,
      'GQ1',
      6_000,
      (i) => `(ARRAY['EXERCISABLE','NOT_EXERCISABLE','PENDING_EVALUATION'])[${i} % 3 + 1]`,
      (i) => `CASE WHEN ${i} % 50 = 0 THEN NULL ELSE timestamptz '2027-01-01T00:00:00Z' + (${i} % 997) * interval '1 hour' END`,
    );
    const fiona = await sut.api.as('fiona');
    const seen: Array<{ rackSerial: string; expiresAt: string | null }> = [];
    let cursor: string | undefined;
    for (let page = 1; page <= 40; page++) {
      const { body } = await fiona
        .get(`/v1/options?state=EXERCISABLE&generation=GQ1&limit=50${cursor ? `&cursor=${cursor}` : ''}`)
        .expect(200);
      expect(body.items).toHaveLength(50);
      seen.push(
        ...body.items.map((o: { rackSerial: string; expiresAt: string | null }) => ({ rackSerial: o.rackSerial, expiresAt: o.expiresAt })),
      );
      cursor = body.nextCursor;
    }
    const expected = await withDatabase(async (client) =>
      (
        await client.query(
          `SELECT rack_serial FROM "${schema}".purchase_option WHERE state = 'EXERCISABLE' AND generation = 'GQ1' ORDER BY expires_at NULLS LAST, rack_serial LIMIT 2000`,
        )
      ).rows.map((r) => r.rack_serial),
    );
    expect(seen.map((o) => o.rackSerial)).toEqual(expected);

    // The query page 41 runs, explained as executed.
    const last = seen[seen.length - 1];
    const manager = sut.service.app.get(DataSource).manager;
    for (const filter of [{ state: 'EXERCISABLE', generation: 'GQ1' }, { state: 'EXERCISABLE' }]) {
      const { first } = OptionQueueRepository.queries(manager, filter, [new Date(last.expiresAt!), last.rackSerial], 51);
      const [sql, parameters] = first!.getQueryAndParameters();
      const [
        {
          'QUERY PLAN': [{ Plan }],
        },
      ] = await manager.query(`EXPLAIN (ANALYZE, FORMAT JSON) ${sql}`, parameters);
      const scans = nodes(Plan).filter((n) => /Scan/.test(n['Node Type']));
      expect(scans).toHaveLength(1);
      expect(scans[0]).toMatchObject({
        'Node Type': 'Index Scan',
        'Index Cond': expect.stringMatching(/ROW\(expires_at, rack_serial\) >/),
      });
      // Rows the index handed over: the page and the one that says there is more — not the 1,950 queue rows (or 5,850 options) before it.
      expect(scans[0]['Actual Rows'] + (scans[0]['Rows Removed by Filter'] ?? 0)).toBe(51);
    }
  });

  it('exports more than 65,535 options in one CSV, complete and in expiry order (no bind parameter per serial)', async () => {
    const count = 66_000;
    await seedOptions(
      schema,
      'GBIG',
      count,
      () => `'EXERCISABLE'`,
      (i) => `CASE WHEN ${i} % 100 = 0 THEN NULL ELSE timestamptz '2027-02-01T00:00:00Z' + (${count} - ${i}) * interval '1 minute' END`,
    );
    const response = await withTextBody((await sut.api.as('fiona')).get('/v1/options/export.csv?generation=GBIG'));
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/csv/);
    const lines = (response.body as string).split('\r\n');
    expect(lines.pop()).toBe('');
    expect(lines[0].split(',').slice(0, 3)).toEqual(['rack_serial', 'generation', 'state']);
    const serials = lines.slice(1).map((line) => line.split(',')[0]);
    expect(serials).toHaveLength(count);
    expect(new Set(serials).size).toBe(count);
    // Soonest expiry first (the highest serial), options without expiry last, by serial.
    expect(serials[0]).toBe('RK-GBIG-065999');
    expect(serials.slice(-660)).toEqual(Array.from({ length: 660 }, (_, k) => `RK-GBIG-${String((k + 1) * 100).padStart(6, '0')}`));
    const expected = await withDatabase(async (client) =>
      (
        await client.query(
          `SELECT rack_serial FROM "${schema}".purchase_option WHERE generation = 'GBIG' ORDER BY expires_at NULLS LAST, rack_serial`,
        )
      ).rows.map((r) => r.rack_serial),
    );
    expect(serials).toEqual(expected);
  });
});
