import type { EntityManager } from 'typeorm';
import type { DiagnosisEvidence, DiagnosisType } from './diagnosis-verdict.rules';

interface Row {
  id: string;
  level: DiagnosisType;
  name: string;
  message: string | null;
  hardware_info_id: string | null;
  component: string | null;
  step_id: string | null;
  at: Date;
}

/** The diagnoses a run's OCPTV streams reported (DIAGNOSIS artifacts: type in `level`, verdict string in `name`), as diagnosis criteria judge them. */
export const DiagnosisEvidenceRepository = {
  async ofRun(manager: EntityManager, runId: string): Promise<DiagnosisEvidence[]> {
    const rows: Row[] = await manager.query(
      `SELECT id, level, name, message, hardware_info_id, component, step_id, at FROM run_artifact
        WHERE run_id = $1 AND kind = 'DIAGNOSIS' ORDER BY id`,
      [runId],
    );
    return rows.map((row) => ({
      artifactId: Number(row.id),
      type: row.level,
      symptom: row.name,
      ...(row.message !== null ? { message: row.message } : {}),
      ...(row.hardware_info_id !== null ? { hardwareInfoId: row.hardware_info_id } : {}),
      ...(row.component !== null ? { component: row.component } : {}),
      ...(row.step_id !== null ? { stepId: row.step_id } : {}),
      at: row.at.toISOString(),
    }));
  },
};
