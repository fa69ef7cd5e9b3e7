import { bom as testBom, burnInPlan, METRICS, PASSED_CHECKS, registerBays, setUpGeneration } from '@rackeval/testing';
import { PatientClient } from './patient-client';

export const GENERATION = 'GF1';
export const SUITE = 'burn-in';
export const CHECKS = PASSED_CHECKS;
export const MEASUREMENTS_PER_RUN = 6;

export const bom = () => testBom(['gpu', 'cdu', 'psu']);

/** Figures that pass both criteria, so every evaluated rack's option becomes exercisable. */
export function passingMeasurements() {
  return Array.from({ length: MEASUREMENTS_PER_RUN }, (_, i) =>
    i % 2 ? { ...METRICS.power, value: 120 + (i % 5) } : { ...METRICS.throughput, value: 3400 + (i % 7) },
  );
}

export const bayCode = (worker: number) => `BAY-F-${worker + 1}`;

export interface GenerationTerms {
  code: string;
  /** 0: the option lapses at the first sweep after the verdict. */
  windowDays: number;
  /** Below the unit price (3,950,000), exercising needs a second finance approver. */
  approvalThreshold: string;
}

export const DEFAULT_GENERATIONS: readonly GenerationTerms[] = [{ code: GENERATION, windowDays: 30, approvalThreshold: '5000000.00' }];

/**
 * The generations of a scenario, set up before any fault: catalogue entry, test plan (once
 * test-run has learnt the generation), criteria, option terms (approved by a second finance user
 * where the service asks for it), and one bay per worker.
 */
export async function setUpProgramme(
  client: PatientClient,
  workers: number,
  generations: readonly GenerationTerms[] = DEFAULT_GENERATIONS,
): Promise<void> {
  const api = client.testApi();
  const unique = generations.filter((generation, i) => generations.findIndex((other) => other.code === generation.code) === i);
  const pace = { timeoutMs: 60_000, intervalMs: 100, backoff: 1.5, maxIntervalMs: 1_000 };
  for (const { code, windowDays, approvalThreshold } of unique)
    await setUpGeneration(api, {
      code,
      name: `Fault suite ${code}`,
      plan: burnInPlan(3),
      terms: { unitPrice: '3950000.00', currency: 'USD', windowDays, approvalThreshold },
      pace,
    });
  await registerBays(
    api,
    Array.from({ length: workers }, (_, worker) => bayCode(worker)),
  );
}
