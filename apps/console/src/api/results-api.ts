import { get, post, put } from './http';
import type { ComponentFailures, CriteriaVersion, Criterion, GenerationComparison, Measurement, MeasurementReceipt, NewMeasurement, Page, RackEvaluation, ReopenEvaluation, ResultsProgramme, RunComparison, RunVerdict } from '@rackeval/api-client';

const BASE = '/api/results/v1';
const run = (id: string) => `${BASE}/runs/${encodeURIComponent(id)}`;

export const resultsApi = {
  criteria: (generation: string) => get<CriteriaVersion>(`${BASE}/criteria/${encodeURIComponent(generation)}`),
  publishCriteria: (generation: string, criteria: Criterion[]) => put<CriteriaVersion>(`${BASE}/criteria/${encodeURIComponent(generation)}`, { criteria }),
  recordMeasurements: (runId: string, measurements: NewMeasurement[], idempotencyKey: string) =>
    post<MeasurementReceipt>(`${run(runId)}/measurements`, { measurements }, { 'idempotency-key': idempotencyKey }),
  measurements: (runId: string) => get<Page<Measurement>>(`${run(runId)}/measurements`, { limit: 500 }),
  /** OCPTV uploads go through `uploadWithProgress` (upload.ts) to report progress. */
  ocptvPath: (runId: string) => `${run(runId)}/ocptv`,
  verdict: (runId: string) => get<RunVerdict>(`${run(runId)}/verdict`),
  evaluation: (serial: string) => get<RackEvaluation>(`${BASE}/racks/${encodeURIComponent(serial)}/evaluation`),
  reopenEvaluation: (serial: string, reopen: ReopenEvaluation) => post<RackEvaluation>(`${BASE}/racks/${encodeURIComponent(serial)}/evaluation/reopen`, reopen),
  compareGenerations: (metric: string, generations: string[] = []) =>
    get<GenerationComparison>(`${BASE}/comparisons/generations`, { metric, generation: generations.join(',') || undefined }),
  compareRuns: (left: string, right: string) => get<RunComparison>(`${BASE}/comparisons/runs`, { left, right }),
  programme: (generation?: string) => get<ResultsProgramme>(`${BASE}/programme`, { generation }),
  componentFailures: (generation?: string) => get<ComponentFailures>(`${BASE}/programme/components`, { generation }),
};
