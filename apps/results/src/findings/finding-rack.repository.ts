import type { EntityManager } from 'typeorm';
import type { BomLine, FindingRack } from './finding.model';

/** Results' read model of intake's racks as findings need them: generation, lot, BOM lines. */
export const FindingRackRepository = {
  /** The latest fact wins (one partition per rack keeps intake's events in order); BOM lines are kept when an event carries none. */
  async upsert(manager: EntityManager, rack: FindingRack, at: string): Promise<void> {
    await manager.query(
      `INSERT INTO finding_rack (rack_serial, generation, lot, bom, updated_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (rack_serial) DO UPDATE SET generation = EXCLUDED.generation, lot = EXCLUDED.lot,
              bom = COALESCE(EXCLUDED.bom, finding_rack.bom), updated_at = EXCLUDED.updated_at`,
      [rack.rackSerial, rack.generation, rack.lot, rack.bom ? JSON.stringify(rack.bom) : null, at],
    );
  },

  async find(manager: EntityManager, rackSerial: string): Promise<FindingRack | undefined> {
    const [row] = await manager.query(`SELECT rack_serial, generation, lot, bom FROM finding_rack WHERE rack_serial = $1`, [rackSerial]);
    return row
      ? { rackSerial: row.rack_serial, generation: row.generation, lot: row.lot, bom: (row.bom as BomLine[] | null) ?? null }
      : undefined;
  },
};

export interface RunOfFinding {
  runId: string;
  rackSerial: string;
  generation: string;
}

export interface FailDiagnosis {
  artifactId: string;
  verdict: string;
  message: string | null;
  /** Where in the rack: the DUT hardware the diagnosis names (its name), or the artifact's component. */
  component: string | null;
  /** The part number of that hardware, when the harness reported one. */
  partNumber: string | null;
}

/** What findings read of results' own runs and OCPTV artifacts. */
export const FindingSourcesRepository = {
  async run(manager: EntityManager, runId: string): Promise<RunOfFinding | undefined> {
    const [row] = await manager.query(`SELECT run_id, rack_serial, generation FROM run WHERE run_id = $1`, [runId]);
    return row ? { runId: row.run_id, rackSerial: row.rack_serial, generation: row.generation } : undefined;
  },

  /** A rack results has heard of, from intake's racks or test-run's runs. */
  async rackGeneration(manager: EntityManager, rackSerial: string): Promise<string | undefined> {
    const [row] = await manager.query(
      `SELECT generation FROM finding_rack WHERE rack_serial = $1
       UNION ALL SELECT generation FROM run WHERE rack_serial = $1 LIMIT 1`,
      [rackSerial],
    );
    return row?.generation;
  },

  async failDiagnoses(manager: EntityManager, runId: string): Promise<FailDiagnosis[]> {
    const rows: Array<Record<string, unknown>> = await manager.query(
      `SELECT a.id, a.name, a.message, coalesce(hw.info->>'name', a.component) AS component, hw.info->>'partNumber' AS part_number
         FROM run_artifact a
         LEFT JOIN run_dut_info d ON d.run_id = a.run_id
         LEFT JOIN LATERAL (
           SELECT info FROM jsonb_array_elements(CASE WHEN jsonb_typeof(d.dut->'hardwareInfos') = 'array' THEN d.dut->'hardwareInfos' ELSE '[]' END) info
            WHERE info->>'hardwareInfoId' = a.hardware_info_id LIMIT 1) hw ON true
        WHERE a.run_id = $1 AND a.kind = 'DIAGNOSIS' AND a.level = 'FAIL'
        ORDER BY a.id`,
      [runId],
    );
    return rows.map((row) => ({
      artifactId: String(row.id),
      verdict: row.name as string,
      message: (row.message as string | null) ?? null,
      component: (row.component as string | null) ?? null,
      partNumber: typeof row.part_number === 'string' && row.part_number.trim() ? row.part_number.trim().slice(0, 64) : null,
    }));
  },
};
