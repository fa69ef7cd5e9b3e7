import { authHeader, get, post, put, withQuery } from './http';
import { ApiError, parseErrorBody } from './api-error';
import type { ApprovalRequest, DecisionRequest, NewTerms, OptionQuery, Page, PurchaseOption, PurchaseOptionDetail, Terms } from './types';

const BASE = '/api/purchase-option/v1';
const option = (serial: string) => `${BASE}/options/${encodeURIComponent(serial)}`;

export const purchaseOptionApi = {
  options: (query: OptionQuery) => get<Page<PurchaseOption>>(`${BASE}/options`, { limit: 200, ...query }),
  option: (serial: string) => get<PurchaseOptionDetail>(option(serial)),
  decide: (serial: string, decision: DecisionRequest) => post<PurchaseOptionDetail>(`${option(serial)}/decision`, decision),
  review: (serial: string, approval: ApprovalRequest) => post<PurchaseOptionDetail>(`${option(serial)}/approval`, approval),
  terms: (generation: string) => get<Terms>(`${BASE}/terms/${encodeURIComponent(generation)}`),
  publishTerms: (generation: string, terms: NewTerms) => put<Terms>(`${BASE}/terms/${encodeURIComponent(generation)}`, terms),
  /** The export needs the bearer token, so it is fetched and handed to the browser as a file. */
  exportCsv: async (query: OptionQuery): Promise<Blob> => {
    const response = await fetch(withQuery(`${BASE}/options/export.csv`, { ...query }), { headers: authHeader() });
    if (!response.ok) throw new ApiError(response.status, parseErrorBody(await response.text()));
    return response.blob();
  },
};
