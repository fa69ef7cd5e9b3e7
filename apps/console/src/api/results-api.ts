import type {
  ComponentFailures,
  CorrectionReceipt,
  CriteriaVersion,
  Criterion,
  GenerationComparison,
  Measurement,
  MeasurementCorrection,
  MeasurementReceipt,
  NewMeasurement,
  Page,
  RackEvaluation,
  ReopenEvaluation,
  MetricSeries,
  ResultsPaths,
  ResultsProgramme,
  RunArtifactPage,
  RunComparison,
  RunDut,
  RunVerdict,
} from '@rackeval/api-client';
import { call, filters, services } from './client';

/** The manufacturer feed's delivery log: one finding change POSTed to the manufacturer, with every attempt. */
export type FeedDeliveryPage = ResultsPaths['/v1/manufacturer-feed/deliveries']['get']['responses'][200]['content']['application/json'];
export type FeedDelivery = FeedDeliveryPage['items'][number];
export type FeedDeliveryState = FeedDelivery['state'];

type RunArtifactKind = RunArtifactPage['items'][number]['kind'];
type ArtifactLevel = 'DEBUG' | 'INFO' | 'WARNING' | 'ERROR' | 'FATAL' | 'PASS' | 'FAIL' | 'UNKNOWN';

const { results } = services;
const byRun = (runId: string) => ({ params: { path: { runId } } });
const byGeneration = (generation: string) => ({ params: { path: { generation } } });

export const resultsApi = {
  criteria: (generation: string): Promise<CriteriaVersion> => call(results.GET('/v1/criteria/{generation}', byGeneration(generation))),
  publishCriteria: (generation: string, criteria: Criterion[]): Promise<CriteriaVersion> =>
    call(results.PUT('/v1/criteria/{generation}', { ...byGeneration(generation), body: { criteria } })),
  recordMeasurements: (runId: string, measurements: NewMeasurement[], idempotencyKey: string): Promise<MeasurementReceipt> =>
    call(
      results.POST('/v1/runs/{runId}/measurements', {
        ...byRun(runId),
        body: { measurements },
        headers: { 'idempotency-key': idempotencyKey },
      }),
    ),
  /** Supersedes the run's current values of one metric (kept in the history) with the ones given. */
  correctMeasurements: (runId: string, correction: MeasurementCorrection, idempotencyKey: string): Promise<CorrectionReceipt> =>
    call(
      results.POST('/v1/runs/{runId}/measurements/corrections', {
        ...byRun(runId),
        body: correction,
        headers: { 'idempotency-key': idempotencyKey },
      }),
    ),
  measurements: (runId: string): Promise<Page<Measurement>> =>
    call(results.GET('/v1/runs/{runId}/measurements', { params: { path: { runId }, query: { limit: 500 } } })),
  /** OCPTV uploads go through `uploadWithProgress` (upload.ts) to report progress. */
  ocptvPath: (runId: string) => `/api/results/v1/runs/${encodeURIComponent(runId)}/ocptv`,
  /** Non-numeric measurements, diagnoses, logs, errors and files of a run; `level` filters log severities or diagnosis types. */
  artifacts: (runId: string, kind?: RunArtifactKind[], level?: ArtifactLevel[]): Promise<RunArtifactPage> =>
    call(
      results.GET('/v1/runs/{runId}/artifacts', {
        params: {
          path: { runId },
          query: filters({ kind: kind?.length ? kind : undefined, level: level?.length ? level : undefined, limit: 1000 }),
        },
      }),
    ),
  /** A metric downsampled on the server: min, max and mean per time bucket. */
  series: (runId: string, metric: string, buckets: number): Promise<MetricSeries> =>
    call(results.GET('/v1/runs/{runId}/series', { params: { path: { runId }, query: { metric, buckets } } })),
  dut: (runId: string): Promise<RunDut> => call(results.GET('/v1/runs/{runId}/dut', byRun(runId))),
  verdict: (runId: string): Promise<RunVerdict> => call(results.GET('/v1/runs/{runId}/verdict', byRun(runId))),
  /** One of a run's files (a harness log sent with its OCPTV stream), fetched with the bearer token. */
  runAttachment: (runId: string, attachmentId: string): Promise<Blob> =>
    call(
      results.GET('/v1/runs/{runId}/attachments/{attachmentId}', { params: { path: { runId, attachmentId } }, parseAs: 'blob' } as never),
    ) as Promise<Blob>,
  /** The manufacturer feed's delivery log, newest first (admins only). */
  feedDeliveries: (query: { state?: FeedDeliveryState; cursor?: string; limit?: number }): Promise<FeedDeliveryPage> =>
    call(results.GET('/v1/manufacturer-feed/deliveries', { params: { query: filters(query) } })),
  /** Sends a delivery that gave up again: PENDING with a fresh round of attempts. */
  retryFeedDelivery: (id: string): Promise<FeedDelivery> =>
    call(results.POST('/v1/manufacturer-feed/deliveries/{id}/retry', { params: { path: { id } } })),
  evaluation: (serial: string): Promise<RackEvaluation> =>
    call(results.GET('/v1/racks/{serial}/evaluation', { params: { path: { serial } } })),
  reopenEvaluation: (serial: string, reopen: ReopenEvaluation): Promise<RackEvaluation> =>
    call(results.POST('/v1/racks/{serial}/evaluation/reopen', { params: { path: { serial } }, body: reopen })),
  compareGenerations: (metric: string, generations: string[] = []): Promise<GenerationComparison> =>
    call(
      results.GET('/v1/comparisons/generations', {
        params: { query: filters({ metric, generation: generations.length ? generations : undefined }) },
      }),
    ),
  compareRuns: (left: string, right: string): Promise<RunComparison> =>
    call(results.GET('/v1/comparisons/runs', { params: { query: { left, right } } })),
  programme: (generation?: string): Promise<ResultsProgramme> =>
    call(results.GET('/v1/programme', { params: { query: filters({ generation }) } })),
  componentFailures: (generation?: string): Promise<ComponentFailures> =>
    call(results.GET('/v1/programme/components', { params: { query: filters({ generation }) } })),
};
