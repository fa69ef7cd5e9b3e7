import type {
  DeliveryReceipt,
  IntakePaths,
  Generation,
  IntakeProgramme,
  LotScorecard,
  NewDelivery,
  NewGeneration,
  NewInspection,
  NewRma,
  Page,
  RackCorrection,
  RackCorrectionRequest,
  RackDetail,
  RackQuery,
  RackSummary,
  Rma,
  RmaDetail,
  RmaQuery,
  SupplierScorecard,
} from '@rackeval/api-client';
import { call, filters, services } from './client';

/** The units of a shipped RMA that came back, as POST /v1/rmas/{id}/receive takes them. */
/** A file attached to a delivery, an inspection or an RMA (intake's attachment view). */
export type IntakeAttachment = RmaDetail['attachments'][number];

/** A delivery as GET /v1/deliveries/{reference} answers: where and when it came, its racks, its files. */
export type DeliveryDetail = IntakePaths['/v1/deliveries/{reference}']['get']['responses'][200]['content']['application/json'];

export type RmaReceipt = NonNullable<IntakePaths['/v1/rmas/{id}/receive']['post']['requestBody']>['content']['application/json'];

const { intake } = services;
const bySerial = (serial: string) => ({ params: { path: { serial } } });
const byRma = (id: string) => ({ params: { path: { id } } });
/** One key per submission: a retried request is answered once. */
const byReference = (reference: string) => ({ params: { path: { reference } } });
/** Where raw uploads go (through the gateway): the file is the body, its name a query parameter. */
const uploadTo = (path: string, filename: string) => `/api/intake${path}/attachments?filename=${encodeURIComponent(filename)}`;
const seg = encodeURIComponent;
const asBlob = { parseAs: 'blob' } as const;
const once = (idempotencyKey: string) => ({ headers: { 'idempotency-key': idempotencyKey } });

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
  rmas: (query: RmaQuery): Promise<Page<Rma>> => call(intake.GET('/v1/rmas', { params: { query: filters(query) } })),
  rma: (id: string): Promise<RmaDetail> => call(intake.GET('/v1/rmas/{id}', byRma(id))),
  openRma: (rma: NewRma, idempotencyKey: string): Promise<RmaDetail> =>
    call(intake.POST('/v1/rmas', { body: rma, ...once(idempotencyKey) })),
  /** `shippedAt`: when the units left, UTC ISO-8601. */
  shipRma: (id: string, shippedAt: string, idempotencyKey: string): Promise<RmaDetail> =>
    call(intake.POST('/v1/rmas/{id}/ship', { ...byRma(id), body: { shippedAt }, ...once(idempotencyKey) })),
  /** Units back from the manufacturer (`receivedAt` UTC ISO-8601); the RMA is RECEIVED once its last unit is back. */
  receiveRma: (id: string, receipt: RmaReceipt, idempotencyKey: string): Promise<RmaDetail> =>
    call(intake.POST('/v1/rmas/{id}/receive', { ...byRma(id), body: receipt, ...once(idempotencyKey) })),
  delivery: (reference: string): Promise<DeliveryDetail> => call(intake.GET('/v1/deliveries/{reference}', byReference(reference))),
  /** The raw upload paths (intake and admin attach; `uploadWithProgress` sends the file). */
  deliveryAttachmentPath: (reference: string, filename: string) => uploadTo(`/v1/deliveries/${seg(reference)}`, filename),
  inspectionAttachmentPath: (serial: string, inspectionId: string, filename: string) =>
    uploadTo(`/v1/racks/${seg(serial)}/inspections/${seg(inspectionId)}`, filename),
  rmaAttachmentPath: (id: string, filename: string) => uploadTo(`/v1/rmas/${seg(id)}`, filename),
  /** One attached file, fetched with the bearer token from the route of what it is attached to. */
  downloadAttachment: (attachment: IntakeAttachment): Promise<Blob> => {
    const attachmentId = attachment.id;
    const pending =
      attachment.owner === 'DELIVERY'
        ? intake.GET('/v1/deliveries/{reference}/attachments/{attachmentId}', {
            params: { path: { reference: attachment.ownerId, attachmentId } },
            ...asBlob,
          } as never)
        : attachment.owner === 'INSPECTION'
          ? intake.GET('/v1/racks/{serial}/inspections/{inspectionId}/attachments/{attachmentId}', {
              params: { path: { serial: attachment.rackSerial ?? '', inspectionId: attachment.ownerId, attachmentId } },
              ...asBlob,
            } as never)
          : intake.GET('/v1/rmas/{id}/attachments/{attachmentId}', {
              params: { path: { id: attachment.ownerId, attachmentId } },
              ...asBlob,
            } as never);
    return call(pending) as Promise<Blob>;
  },
  cancelRma: (id: string, reason: string, idempotencyKey: string): Promise<RmaDetail> =>
    call(intake.POST('/v1/rmas/{id}/cancel', { ...byRma(id), body: { reason }, ...once(idempotencyKey) })),
};
