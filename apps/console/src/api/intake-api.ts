import type {
  DeliveryReceipt,
  Generation,
  IntakeProgramme,
  LotScorecard,
  NewDelivery,
  NewGeneration,
  NewInspection,
  Page,
  RackCorrection,
  RackCorrectionRequest,
  RackDetail,
  RackQuery,
  RackSummary,
  SupplierScorecard,
} from '@rackeval/api-client';
import { call, filters, services } from './client';

const { intake } = services;
const bySerial = (serial: string) => ({ params: { path: { serial } } });

export const intakeApi = {
  generations: (): Promise<Page<Generation>> => call(intake.GET('/v1/generations', { params: { query: { limit: 500 } } })),
  registerGeneration: (generation: NewGeneration): Promise<Generation> => call(intake.POST('/v1/generations', { body: generation })),
  racks: (query: RackQuery): Promise<Page<RackSummary>> => call(intake.GET('/v1/racks', { params: { query: filters(query) } })),
  rack: (serial: string): Promise<RackDetail> => call(intake.GET('/v1/racks/{serial}', bySerial(serial))),
  registerDelivery: (delivery: NewDelivery): Promise<DeliveryReceipt> => call(intake.POST('/v1/deliveries', { body: delivery })),
  importManifest: (csv: string): Promise<DeliveryReceipt> =>
    call(
      intake.POST('/v1/deliveries/import', { body: csv, bodySerializer: (text: string) => text, headers: { 'content-type': 'text/csv' } }),
    ),
  inspect: (serial: string, inspection: NewInspection): Promise<RackDetail> =>
    call(intake.POST('/v1/racks/{serial}/inspections', { ...bySerial(serial), body: inspection })),
  returnRack: (serial: string, reason: string): Promise<RackDetail> =>
    call(intake.POST('/v1/racks/{serial}/return', { ...bySerial(serial), body: { reason } })),
  hold: (serial: string, reason: string): Promise<RackDetail> =>
    call(intake.POST('/v1/racks/{serial}/hold', { ...bySerial(serial), body: { reason } })),
  releaseHold: (serial: string, reason?: string): Promise<RackDetail> =>
    call(intake.POST('/v1/racks/{serial}/release-hold', { ...bySerial(serial), body: reason ? { reason } : {} })),
  withdraw: (serial: string, reason: string): Promise<RackDetail> =>
    call(intake.POST('/v1/racks/{serial}/withdraw', { ...bySerial(serial), body: { reason } })),
  programme: (generation?: string): Promise<IntakeProgramme> =>
    call(intake.GET('/v1/programme', { params: { query: filters({ generation }) } })),
  supplierScorecard: (generation?: string): Promise<SupplierScorecard> =>
    call(intake.GET('/v1/programme/suppliers', { params: { query: filters({ generation }) } })),
  lotScorecard: (generation?: string): Promise<LotScorecard> =>
    call(intake.GET('/v1/programme/lots', { params: { query: filters({ generation }) } })),
  correctRack: (serial: string, correction: RackCorrectionRequest): Promise<RackCorrection> =>
    call(intake.POST('/v1/racks/{serial}/corrections', { ...bySerial(serial), body: correction })),
  rackCorrections: (serial: string): Promise<{ items: RackCorrection[] }> =>
    call(intake.GET('/v1/racks/{serial}/corrections', bySerial(serial))),
};
