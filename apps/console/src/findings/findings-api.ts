import type { Finding, FindingAction, FindingAttachment, FindingClasses, FindingDetail, FindingGroup, Page, TriageFinding } from '../api';
import { call, filters, services } from '../api/client';

const { results } = services;
const byId = (id: string) => ({ params: { path: { id } } });

export interface FindingFilters {
  generation?: string;
  lot?: string;
  class?: string;
  state?: Finding['state'];
  rack?: string;
}

/** Actions that only need a note (triage has its own form). */
export type NoteAction = Exclude<FindingAction, 'triage'>;

const TRANSITION_PATHS = {
  report: '/v1/findings/{id}/report',
  'propose-fix': '/v1/findings/{id}/propose-fix',
  'reject-fix': '/v1/findings/{id}/reject-fix',
  verify: '/v1/findings/{id}/verify',
  'wont-fix': '/v1/findings/{id}/wont-fix',
} as const;

export const findingsApi = {
  list: (query: FindingFilters & { limit?: number; cursor?: string }): Promise<Page<Finding>> =>
    call(results.GET('/v1/findings', { params: { query: filters({ limit: 500, ...query }) } })),
  groups: (query: FindingFilters): Promise<{ items: FindingGroup[] }> =>
    call(results.GET('/v1/findings/groups', { params: { query: filters(query) } })),
  classes: (): Promise<FindingClasses> => call(results.GET('/v1/findings/classes')),
  get: (id: string): Promise<FindingDetail> => call(results.GET('/v1/findings/{id}', byId(id))),
  triage: (id: string, body: TriageFinding): Promise<FindingDetail> =>
    call(results.POST('/v1/findings/{id}/triage', { ...byId(id), body })),
  transition: (id: string, action: NoteAction, note: string | undefined, expectedVersion: number): Promise<FindingDetail> =>
    call(
      results.POST(TRANSITION_PATHS[action], { ...byId(id), body: { note: note || undefined, expectedVersion } } as never),
    ) as Promise<FindingDetail>,
  /** The raw upload goes through `uploadWithProgress`; this is its path (through the gateway). */
  attachmentPath: (id: string, filename: string) =>
    `/api/results/v1/findings/${encodeURIComponent(id)}/attachments?filename=${encodeURIComponent(filename)}`,
  /** The files attached to one finding (the list view carries none). */
  attachments: (id: string): Promise<FindingAttachment[]> => call(results.GET('/v1/findings/{id}/attachments', byId(id))),
  /** Where a file downloads from (through the gateway); a plain link to it still needs `download` for the bearer token. */
  downloadPath: (id: string, attachmentId: string) =>
    `/api/results/v1/findings/${encodeURIComponent(id)}/attachments/${encodeURIComponent(attachmentId)}`,
  /** The manufacturer's report of a generation (and lot) as a file, fetched with the bearer token. */
  report: (query: { generation: string; lot?: string }, format: 'csv' | 'xlsx'): Promise<Blob> =>
    call(
      results.GET('/v1/findings/report', { params: { query: filters({ ...query, format }) }, parseAs: 'blob' } as never),
    ) as Promise<Blob>,
  download: (id: string, attachmentId: string): Promise<Blob> =>
    call(
      results.GET('/v1/findings/{id}/attachments/{attachmentId}', { params: { path: { id, attachmentId } }, parseAs: 'blob' } as never),
    ) as Promise<Blob>,
};
