import { authHeader, get, post, put, withQuery } from './http';
import { ApiError, parseErrorBody } from './api-error';
import type { ApprovalRequest, CostTargets, CostTargetsVersion, DecisionRequest, NewCostTargets, NewTerms, OptionQuery, Page, PurchaseOption, PurchaseOptionDetail, PurchaseOptionProgramme, Terms } from '@rackeval/api-client';

const BASE = '/api/purchase-option/v1';
const option = (serial: string) => `${BASE}/options/${encodeURIComponent(serial)}`;

export const purchaseOptionApi = {
  options: (query: OptionQuery) => get<Page<PurchaseOption>>(`${BASE}/options`, { limit: 200, ...query }),
  option: (serial: string) => get<PurchaseOptionDetail>(option(serial)),
  decide: (serial: string, decision: DecisionRequest) => post<PurchaseOptionDetail>(`${option(serial)}/decision`, decision),
  review: (serial: string, approval: ApprovalRequest) => post<PurchaseOptionDetail>(`${option(serial)}/approval`, approval),
  terms: (generation: string, version?: number) => get<Terms>(`${BASE}/terms/${encodeURIComponent(generation)}`, version ? { version } : {}),
  /** A new version is PROPOSED; another finance or admin user makes it ACTIVE. */
  proposeTerms: (generation: string, terms: NewTerms) => put<Terms>(`${BASE}/terms/${encodeURIComponent(generation)}`, terms),
  reviewTerms: (generation: string, version: number, approval: ApprovalRequest) =>
    post<Terms>(`${BASE}/terms/${encodeURIComponent(generation)}/versions/${version}/approval`, approval),
  costTargets: (generation: string) => get<CostTargets>(`${BASE}/cost-targets/${encodeURIComponent(generation)}`),
  /** Like terms: a new version is PROPOSED; another finance or admin user makes it ACTIVE. */
  proposeCostTargets: (generation: string, targets: NewCostTargets) => put<CostTargetsVersion>(`${BASE}/cost-targets/${encodeURIComponent(generation)}`, targets),
  reviewCostTargets: (generation: string, version: number, approval: ApprovalRequest) =>
    post<CostTargetsVersion>(`${BASE}/cost-targets/${encodeURIComponent(generation)}/versions/${version}/approval`, approval),
  /** The export needs the bearer token, so it is fetched and handed to the browser as a file. */
  exportCsv: async (query: OptionQuery): Promise<Blob> => {
    const response = await fetch(withQuery(`${BASE}/options/export.csv`, { ...query }), { headers: authHeader() });
    if (!response.ok) throw new ApiError(response.status, parseErrorBody(await response.text()));
    return response.blob();
  },
  programme: (generation?: string) => get<PurchaseOptionProgramme>(`${BASE}/programme`, { generation }),
};
