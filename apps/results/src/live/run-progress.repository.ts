import type { EntityManager } from 'typeorm';

export const RunProgressRepository = {
  /**
   * The newest measurement of the run and how many rows it has (corrections add rows, so they move
   * both): together they change whenever a write commits, even one that took its id earlier.
   */
  async latestMeasurement(manager: EntityManager, runId: string): Promise<{ id: string; count: number }> {
    const [row]: Array<{ latest: string | null; count: string }> = await manager.query(
      `SELECT max(id)::text AS latest, count(*) AS count FROM measurement WHERE run_id = $1`,
      [runId],
    );
    return { id: row?.latest ?? '0', count: Number(row?.count ?? 0) };
  },

  /** How many OCPTV diagnoses the run has: a diagnosis can change the verdict so far without a sample. */
  async diagnosisCount(manager: EntityManager, runId: string): Promise<number> {
    const [row]: Array<{ count: string }> = await manager.query(
      `SELECT count(*) AS count FROM run_artifact WHERE run_id = $1 AND kind = 'DIAGNOSIS'`,
      [runId],
    );
    return Number(row?.count ?? 0);
  },
};
