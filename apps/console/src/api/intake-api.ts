import { get, post, request } from './http';
import type { DeliveryReceipt, Generation, IntakeProgramme, LotScorecard, NewDelivery, NewGeneration, NewInspection, Page, RackCorrection, RackCorrectionRequest, RackDetail, RackQuery, RackSummary, SupplierScorecard } from '@rackeval/api-client';

const BASE = '/api/intake/v1';
const rack = (serial: string) => `${BASE}/racks/${encodeURIComponent(serial)}`;

export const intakeApi = {
  generations: () => get<Page<Generation>>(`${BASE}/generations`, { limit: 500 }),
  registerGeneration: (generation: NewGeneration) => post<Generation>(`${BASE}/generations`, generation),
  racks: (query: RackQuery) => get<Page<RackSummary>>(`${BASE}/racks`, { ...query }),
  rack: (serial: string) => get<RackDetail>(rack(serial)),
  registerDelivery: (delivery: NewDelivery) => post<DeliveryReceipt>(`${BASE}/deliveries`, delivery),
  importManifest: (csv: string) => request<DeliveryReceipt>('POST', `${BASE}/deliveries/import`, { raw: { text: csv, contentType: 'text/csv' } }),
  inspect: (serial: string, inspection: NewInspection) => post<RackDetail>(`${rack(serial)}/inspections`, inspection),
  returnRack: (serial: string, reason: string) => post<RackDetail>(`${rack(serial)}/return`, { reason }),
  programme: (generation?: string) => get<IntakeProgramme>(`${BASE}/programme`, { generation }),
  supplierScorecard: (generation?: string) => get<SupplierScorecard>(`${BASE}/programme/suppliers`, { generation }),
  lotScorecard: (generation?: string) => get<LotScorecard>(`${BASE}/programme/lots`, { generation }),
  correctRack: (serial: string, correction: RackCorrectionRequest) => post<RackCorrection>(`${rack(serial)}/corrections`, correction),
  rackCorrections: (serial: string) => get<{ items: RackCorrection[] }>(`${rack(serial)}/corrections`),
};
