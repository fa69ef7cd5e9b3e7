import { randomUUID } from 'node:crypto';
import { MeasurementRepository } from '../src/measurements/measurement.repository';
import { ResultsHarness } from './support/results.harness';

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Index Cond'?: string;
  'Actual Rows': number;
  'Rows Removed by Filter'?: number;
  Plans?: PlanNode[];
}
const nodes = (node: PlanNode): PlanNode[] => [node, ...(node.Plans ?? []).flatMap(nodes)];

describe("a run's measurement list at scale", () => {
  let sut: ResultsHarness;
  const others = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
  const target = randomUUID();

  beforeAll(async () => {
    sut = await ResultsHarness.start();
    // 200,000 measurements of four other runs first, then 30,000 of the run we read: its rows sit at the end of the id order.
    for (const runId of [...others, target]) {
      await sut.sql(
        `INSERT INTO run (run_id, rack_serial, generation, suite, attempt, max_attempts, required, plan_version, metrics, bay, site, state)
         VALUES ($1::uuid, 'RK-' || left($1::text, 8), 'GL1', 'burn-in', 1, 2, true, 1, ARRAY['rack.power'], 'BAY-1', 'us-west', 'RUNNING')`,
        [runId],
      );
    }
    for (const [runId, count] of [...others.map((id) => [id, 50_000] as const), [target, 30_000] as const]) {
      await sut.sql(
        `INSERT INTO measurement (run_id, metric, value, unit, original_value, original_unit, component, observed_at, recorded_by, source)
         SELECT $1, CASE WHEN i % 2 = 0 THEN 'rack.power' ELSE 'training.tokens_per_s' END, i, 'kW', i, 'kW', 'gpu' || (i % 72),
                timestamptz '2026-11-20T10:00:00Z' + i * interval '100 milliseconds', 'tariq', 'api'
           FROM generate_series(1, $2::int) AS i`,
        [runId, count],
      );
    }
    await sut.sql(`ANALYZE measurement`);
  });

  afterAll(() => sut?.dispose());

  /** The list's own statement for this page, explained as executed: the one scan of measurement. */
  async function scanOf(query: { afterId?: string; metric?: string; includeSuperseded?: boolean }): Promise<PlanNode> {
    const [sql, parameters] = MeasurementRepository.listQuery(target, { includeSuperseded: false, limit: 100, ...query });
    const [
      {
        'QUERY PLAN': [{ Plan }],
      },
    ] = await sut.sql<{ 'QUERY PLAN': Array<{ Plan: PlanNode }> }>(`EXPLAIN (ANALYZE, FORMAT JSON) ${sql}`, parameters);
    const scans = nodes(Plan).filter((n) => n['Relation Name'] === 'measurement');
    expect(scans).toHaveLength(1);
    return scans[0];
  }

  it('answers page 1 and a later page with the run’s own measurements in id order', async () => {
    const viewer = await sut.as('vic');
    const first = await viewer.get(`/v1/runs/${target}/measurements?limit=100`).expect(200);
    const ids = await sut.sql<{ id: string }>(`SELECT id::text FROM measurement WHERE run_id = $1 ORDER BY id LIMIT 200`, [target]);
    expect(first.body.items.map((m: { id: string }) => m.id)).toEqual(ids.slice(0, 100).map((r) => r.id));
    const second = await viewer.get(`/v1/runs/${target}/measurements?limit=100&cursor=${first.body.nextCursor}`).expect(200);
    expect(second.body.items.map((m: { id: string }) => m.id)).toEqual(ids.slice(100, 200).map((r) => r.id));
  });

  it('reads page 1 as a range of the run’s own rows in its primary key (run_id, id), never walking the 200,000 rows of other runs before them', async () => {
    const scan = await scanOf({});
    expect(scan).toMatchObject({
      'Node Type': 'Index Scan',
      'Index Name': 'measurement_pkey',
      'Index Cond': expect.stringContaining('run_id'),
    });
    expect(scan['Actual Rows'] + (scan['Rows Removed by Filter'] ?? 0)).toBe(101);
  });

  it('starts a later page at its cursor inside the same range', async () => {
    const [{ id }] = await sut.sql<{ id: string }>(`SELECT id::text FROM measurement WHERE run_id = $1 ORDER BY id OFFSET 20000 LIMIT 1`, [
      target,
    ]);
    const scan = await scanOf({ afterId: id });
    expect(scan).toMatchObject({
      'Node Type': 'Index Scan',
      'Index Name': 'measurement_pkey',
      'Index Cond': expect.stringMatching(/run_id = .*id > /),
    });
    expect(scan['Actual Rows'] + (scan['Rows Removed by Filter'] ?? 0)).toBe(101);
  });
});
