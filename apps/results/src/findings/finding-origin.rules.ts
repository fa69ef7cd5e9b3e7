import type { FindingOrigin, RunVerdictV1 } from '@rackeval/contracts';
import type { FailDiagnosis } from './finding-rack.repository';

/** A finding a run's verdict opens; `sourceKey` names its cause so it opens once whatever is redelivered or re-judged. */
export interface AutomaticFinding {
  sourceKey: string;
  origin: FindingOrigin;
  criterion: string | null;
  diagnosis: string | null;
  title: string;
  /** The component the diagnosis named, e.g. `PSU shelf 2`. */
  location: string | null;
  /** The part number the harness reported for that component: a suspected BOM line before anyone triages. */
  partNumber: string | null;
}

const clip = (text: string, max = 500) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/**
 * The findings a recorded verdict opens: one per failed criterion of a FAIL verdict, one per FAIL
 * diagnosis of the run (whatever the verdict), and one for the run itself when it failed with no
 * criterion or diagnosis to blame. A later revision of the same verdict opens only what is new.
 */
export function findingsOfVerdict(verdict: RunVerdictV1, diagnoses: FailDiagnosis[]): AutomaticFinding[] {
  const run = `run:${verdict.runId}`;
  const failed = verdict.verdict === 'FAIL' ? verdict.criteria.filter((c) => c.result === 'FAIL') : [];
  const found: AutomaticFinding[] = [
    ...failed.map((c) => ({
      sourceKey: `${run}:criterion:${c.metric}`,
      origin: 'CRITERION' as const,
      criterion: c.metric,
      diagnosis: null,
      title: clip(`${c.metric} failed in ${verdict.suite} (attempt ${verdict.attempt})${c.reason ? `: ${c.reason}` : ''}`),
      location: null,
      partNumber: null,
    })),
    ...diagnoses.map((d) => ({
      sourceKey: `${run}:diagnosis:${d.artifactId}`,
      origin: 'DIAGNOSIS' as const,
      criterion: null,
      diagnosis: d.verdict,
      title: clip(`diagnosis ${d.verdict} in ${verdict.suite} (attempt ${verdict.attempt})${d.message ? `: ${d.message}` : ''}`),
      location: d.component,
      partNumber: d.partNumber,
    })),
  ];
  if (verdict.verdict === 'FAIL' && found.length === 0) {
    found.push({
      sourceKey: `${run}:verdict`,
      origin: 'RUN',
      criterion: null,
      diagnosis: null,
      title: clip(`${verdict.suite} (attempt ${verdict.attempt}) failed${verdict.reason ? `: ${verdict.reason}` : ''}`),
      location: null,
      partNumber: null,
    });
  }
  return found;
}
