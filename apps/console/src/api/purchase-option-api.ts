import type {
  ApprovalRequest,
  CostTargets,
  CostTargetsVersion,
  DecisionRequest,
  NewCostTargets,
  NewTerms,
  OptionQuery,
  Page,
  PurchaseOption,
  PurchaseOptionDetail,
  PurchaseOptionProgramme,
  ReminderDelivery,
  Reminders,
  Terms,
} from '@rackeval/api-client';
import { call, filters, services } from './client';

const { purchaseOption } = services;
const byRack = (rackSerial: string) => ({ params: { path: { rackSerial } } });
const byGeneration = (generation: string) => ({ params: { path: { generation } } });

export const purchaseOptionApi = {
  options: (query: OptionQuery): Promise<Page<PurchaseOption>> =>
    call(purchaseOption.GET('/v1/options', { params: { query: filters({ limit: 200, ...query }) } })),
  option: (serial: string): Promise<PurchaseOptionDetail> => call(purchaseOption.GET('/v1/options/{rackSerial}', byRack(serial))),
  decide: (serial: string, decision: DecisionRequest): Promise<PurchaseOptionDetail> =>
    call(purchaseOption.POST('/v1/options/{rackSerial}/decision', { ...byRack(serial), body: decision })),
  review: (serial: string, approval: ApprovalRequest): Promise<PurchaseOptionDetail> =>
    call(purchaseOption.POST('/v1/options/{rackSerial}/approval', { ...byRack(serial), body: approval })),
  terms: (generation: string, version?: number): Promise<Terms> =>
    call(purchaseOption.GET('/v1/terms/{generation}', { params: { path: { generation }, query: filters({ version }) } })),
  /** A new version is PROPOSED; another finance or admin user makes it ACTIVE. */
  proposeTerms: (generation: string, terms: NewTerms): Promise<Terms> =>
    call(purchaseOption.PUT('/v1/terms/{generation}', { ...byGeneration(generation), body: terms })),
  reviewTerms: (generation: string, version: number, approval: ApprovalRequest): Promise<Terms> =>
    call(
      purchaseOption.POST('/v1/terms/{generation}/versions/{version}/approval', {
        params: { path: { generation, version } },
        body: approval,
      }),
    ),
  costTargets: (generation: string): Promise<CostTargets> =>
    call(purchaseOption.GET('/v1/cost-targets/{generation}', byGeneration(generation))),
  /** Like terms: a new version is PROPOSED; another finance or admin user makes it ACTIVE. */
  proposeCostTargets: (generation: string, targets: NewCostTargets): Promise<CostTargetsVersion> =>
    call(purchaseOption.PUT('/v1/cost-targets/{generation}', { ...byGeneration(generation), body: targets })),
  reviewCostTargets: (generation: string, version: number, approval: ApprovalRequest): Promise<CostTargetsVersion> =>
    call(
      purchaseOption.POST('/v1/cost-targets/{generation}/versions/{version}/approval', {
        params: { path: { generation, version } },
        body: approval,
      }),
    ),
  /** The export needs the bearer token, so it is fetched and handed to the browser as a file. */
  exportCsv: (query: OptionQuery): Promise<Blob> =>
    call(purchaseOption.GET('/v1/options/export.csv', { params: { query: filters(query) } as never, parseAs: 'blob' })) as Promise<Blob>,
  /** The same filter as the CSV; a summary sheet, one sheet per generation, decisions and audit. */
  exportXlsx: (query: OptionQuery): Promise<Blob> =>
    call(purchaseOption.GET('/v1/options/export.xlsx', { params: { query: filters(query) } as never, parseAs: 'blob' })) as Promise<Blob>,
  /** The decision memo as a PDF (fetched with the bearer token, like the exports). */
  memoPdf: (serial: string): Promise<Blob> =>
    call(purchaseOption.GET('/v1/options/{rackSerial}/memo.pdf', { ...byRack(serial), parseAs: 'blob' } as never)) as Promise<Blob>,
  /** Undecided options expiring within `withinDays` (default: the service's largest threshold) and approvals waiting for the caller. */
  reminders: (withinDays?: number): Promise<Reminders> =>
    call(purchaseOption.GET('/v1/reminders', { params: { query: filters({ withinDays }) } })),
  reminderDeliveries: (): Promise<Page<ReminderDelivery>> =>
    call(purchaseOption.GET('/v1/reminders/deliveries', { params: { query: { limit: 100 } } })),
  programme: (generation?: string): Promise<PurchaseOptionProgramme> =>
    call(purchaseOption.GET('/v1/programme', { params: { query: filters({ generation }) } })),
};
