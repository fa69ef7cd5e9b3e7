import { withDatabase } from '@rackeval/testing';
import { DataSource } from 'typeorm';
import { OptionQueueRepository } from '../src/options/option-queue.repository';
import { startedService } from './fixtures';

interface PlanNode {
  'Node Type': string;
  'Index Name'?: string;
  'Actual Rows': number;
  'Rows Removed by Filter'?: number;
  Plans?: PlanNode[];
}
const nodes = (node: PlanNode): PlanNode[] => [node, ...(node.Plans ?? []).flatMap(nodes)];

describe('the undated end of an option queue', () => {
  const sut = startedService({ LAPSE_SWEEP_INTERVAL_SECONDS: '3600' });

  it('is read from its own index range on the last page, not by filtering every undated option of every state, and pages in serial order', async () => {
    const schema = sut.service.config.DATABASE_SCHEMA;
    // 400 EXERCISABLE options with an expiry, 6,000 awaiting their evaluation without one (as a fleet's pending racks).
    await withDatabase(async (client) => {
      await client.query(
        `INSERT INTO "${schema}".purchase_option (rack_serial, generation, state, delivery_reference, site, lot, domestic_content_pct,
                                                 domestic_content_target_pct, bom_cost, bom_currency, received_at, opened_at, expires_at, updated_at)
         SELECT 'RK-GU1-' || lpad(i::text, 6, '0'), 'GU1', CASE WHEN i <= 400 THEN 'EXERCISABLE' ELSE 'PENDING_EVALUATION' END,
                'DEL-' || i, 'AUS-1', 'LOT-1', 62.5, 60, 840000, 'USD', '2026-11-01T00:00:00Z', '2026-11-01T00:00:00Z',
                CASE WHEN i <= 400 THEN timestamptz '2027-01-01T00:00:00Z' + i * interval '1 hour' END, now()
           FROM generate_series(1, 6400) AS i`,
      );
      await client.query(`ANALYZE "${schema}".purchase_option`);
    });
    const fiona = await sut.api.as('fiona');
    const serials: string[] = [];
    let cursor: string | undefined;
    for (let page = 1; page <= 8; page++) {
      const { body } = await fiona
        .get(`/v1/options?state=EXERCISABLE&generation=GU1&limit=50${cursor ? `&cursor=${cursor}` : ''}`)
        .expect(200);
      serials.push(...body.items.map((o: { rackSerial: string }) => o.rackSerial));
      cursor = body.nextCursor;
    }
    expect(serials).toHaveLength(400);
    expect(serials[399]).toBe('RK-GU1-000400');

    // The undated range the last page reads after its dated rows, explained as executed.
    const manager = sut.service.app.get(DataSource).manager;
    const { undated } = OptionQueueRepository.queries(
      manager,
      { state: 'EXERCISABLE' },
      [new Date('2027-01-17T16:00:00Z'), 'RK-GU1-000400'],
      51,
    );
    const [sql, parameters] = undated!.getQueryAndParameters();
    const [
      {
        'QUERY PLAN': [{ Plan }],
      },
    ] = await manager.query(`EXPLAIN (ANALYZE, FORMAT JSON) ${sql}`, parameters);
    const scans = nodes(Plan).filter((n) => /Scan/.test(n['Node Type']));
    expect(scans).toEqual([
      expect.objectContaining({ 'Node Type': 'Index Scan', 'Index Name': 'purchase_option_queue_undated', 'Actual Rows': 0 }),
    ]);
    expect(scans[0]['Rows Removed by Filter'] ?? 0).toBe(0);

    // The undated options of a state still come in serial order, page after page.
    const first = await fiona.get('/v1/options?state=PENDING_EVALUATION&generation=GU1&limit=500').expect(200);
    const second = await fiona
      .get(`/v1/options?state=PENDING_EVALUATION&generation=GU1&limit=500&cursor=${first.body.nextCursor}`)
      .expect(200);
    const pending = [...first.body.items, ...second.body.items].map((o: { rackSerial: string }) => o.rackSerial);
    expect(pending).toEqual([...pending].sort());
    expect(new Set(pending).size).toBe(1000);
  });
});
