import type { EntityManager } from 'typeorm';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Where a run takes place, as test-run's RunScheduled told (rule SITE_NOT_ALLOWED). */
export const RunSiteRepository = {
  async find(manager: EntityManager, runId: string): Promise<{ bay: string; site: string } | undefined> {
    if (!UUID.test(runId)) return undefined;
    const [row] = await manager.query(`SELECT bay, site FROM run WHERE run_id = $1`, [runId]);
    return row ? { bay: row.bay as string, site: row.site as string } : undefined;
  },
};
