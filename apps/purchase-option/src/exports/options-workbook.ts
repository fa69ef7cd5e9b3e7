import ExcelJS from 'exceljs';
import { OPTION_STATES } from '@rackeval/contracts';
import {
  booleanCell,
  dateCell,
  Decimal,
  decimalCell,
  integerCell,
  textCell,
  writeCell,
  writeTable,
  type XlsxColumn,
} from '@rackeval/platform';
import { AuditEntryView, OptionView } from '../options/dto/option.view';

const money = (read: (o: OptionView) => string | null | undefined) => (o: OptionView) => decimalCell(read(o), o.terms?.currency);
const text = (read: (o: OptionView) => string | null | undefined) => (o: OptionView) => textCell(read(o));

/** The option queue, one row per option: the CSV's columns with typed cells. */
const OPTION_COLUMNS: Array<XlsxColumn<OptionView>> = [
  { header: 'Rack serial', width: 16, cell: text((o) => o.rackSerial) },
  { header: 'Generation', width: 11, cell: text((o) => o.generation) },
  { header: 'State', width: 20, cell: text((o) => o.state) },
  { header: 'Site', width: 12, cell: text((o) => o.site) },
  { header: 'Terms version', width: 8, cell: (o) => integerCell(o.terms?.version) },
  { header: 'Unit price', width: 18, cell: money((o) => o.terms?.unitPrice) },
  { header: 'Currency', width: 9, cell: text((o) => o.terms?.currency) },
  { header: 'Approval threshold', width: 18, cell: money((o) => o.terms?.approvalThreshold) },
  { header: 'Window days', width: 8, cell: (o) => integerCell(o.terms?.windowDays) },
  { header: 'Evaluation', width: 11, cell: text((o) => o.evidence.evaluation?.outcome) },
  { header: 'Criteria met', width: 8, cell: (o) => integerCell(o.evidence.evaluation?.criteriaMet) },
  { header: 'Criteria total', width: 8, cell: (o) => integerCell(o.evidence.evaluation?.criteriaTotal) },
  { header: 'Performance', width: 14, cell: (o) => decimalCell(o.evidence.evaluation?.performance?.measured) },
  { header: 'Performance target', width: 14, cell: (o) => decimalCell(o.evidence.evaluation?.performance?.target) },
  { header: 'Performance unit', width: 12, cell: text((o) => o.evidence.evaluation?.performance?.unit) },
  { header: 'Power', width: 12, cell: (o) => decimalCell(o.evidence.evaluation?.power?.measured) },
  { header: 'Power target', width: 12, cell: (o) => decimalCell(o.evidence.evaluation?.power?.target) },
  { header: 'Domestic content %', width: 10, cell: (o) => decimalCell(o.evidence.domesticContent.pct) },
  { header: 'Domestic target %', width: 10, cell: (o) => decimalCell(o.evidence.domesticContent.targetPct) },
  { header: 'Domestic met', width: 9, cell: (o) => booleanCell(o.evidence.domesticContent.met) },
  { header: 'Price per performance unit', width: 16, cell: money((o) => o.evidence.pricePerPerformanceUnit) },
  { header: 'Cost verdict', width: 12, cell: text((o) => o.evidence.value.costVerdict ?? o.evidence.value.status) },
  { header: 'Missed cost targets', width: 24, cell: text((o) => o.evidence.value.missedTargets.join(' ')) },
  { header: 'TCO', width: 18, cell: money((o) => o.evidence.value.tco.value) },
  { header: 'TCO per performance unit', width: 16, cell: money((o) => o.evidence.value.tcoPerPerformanceUnit.value) },
  { header: 'Margin', width: 18, cell: money((o) => o.evidence.value.margin.value) },
  { header: 'Verdict at (UTC)', width: 20, cell: (o) => dateCell(o.verdictAt) },
  { header: 'Expires at (UTC)', width: 20, cell: (o) => dateCell(o.expiresAt) },
  { header: 'Days left', width: 8, cell: (o) => integerCell(o.daysLeft) },
  { header: 'Requested by', width: 14, cell: text((o) => o.pendingRequest?.requestedBy) },
  { header: 'Decided by', width: 14, cell: text((o) => o.outcome?.decidedBy) },
  { header: 'Approved by', width: 14, cell: text((o) => o.outcome?.approvedBy) },
  { header: 'Rationale', width: 40, cell: text((o) => o.outcome?.rationale) },
  { header: 'Waiver', width: 40, cell: text((o) => o.evidence.waiver) },
  { header: 'Last rejection note', width: 30, cell: text((o) => o.lastRejection?.note) },
  { header: 'Ended at (UTC)', width: 20, cell: (o) => dateCell(o.outcome?.endedAt) },
  // Appended last so the columns before keep their positions for existing sheets and macros.
  { header: 'Incarnation', width: 8, cell: (o) => integerCell(o.incarnation) },
  { header: 'RMA', width: 16, cell: text((o) => o.rma?.rmaNumber) },
];

const DECISION_COLUMNS: Array<XlsxColumn<OptionView>> = [
  { header: 'Rack serial', width: 16, cell: text((o) => o.rackSerial) },
  { header: 'Generation', width: 11, cell: text((o) => o.generation) },
  { header: 'Outcome', width: 20, cell: text((o) => o.state) },
  { header: 'Unit price', width: 18, cell: money((o) => o.terms?.unitPrice) },
  { header: 'Currency', width: 9, cell: text((o) => o.terms?.currency) },
  { header: 'Cost verdict', width: 12, cell: text((o) => o.evidence.value.costVerdict ?? o.evidence.value.status) },
  { header: 'Decided by', width: 14, cell: text((o) => o.outcome?.decidedBy) },
  { header: 'Approved by', width: 14, cell: text((o) => o.outcome?.approvedBy) },
  { header: 'Rationale', width: 40, cell: text((o) => o.outcome?.rationale) },
  { header: 'Waiver', width: 40, cell: text((o) => o.evidence.waiver) },
  { header: 'Ended at (UTC)', width: 20, cell: (o) => dateCell(o.outcome?.endedAt) },
];

const AUDIT_COLUMNS: Array<XlsxColumn<AuditEntryView>> = [
  { header: 'Entry', width: 8, cell: (a) => integerCell(Number(a.id)) },
  { header: 'Occurred at (UTC)', width: 20, cell: (a) => dateCell(a.occurredAt) },
  { header: 'Rack serial', width: 16, cell: (a) => textCell(a.rackSerial) },
  { header: 'Action', width: 22, cell: (a) => textCell(a.action) },
  { header: 'Actor', width: 14, cell: (a) => textCell(a.actor) },
  { header: 'From', width: 20, cell: (a) => textCell(a.fromState) },
  { header: 'To', width: 20, cell: (a) => textCell(a.toState) },
  { header: 'Reason', width: 40, cell: (a) => textCell(a.reason) },
  { header: 'Waiver', width: 30, cell: (a) => textCell(a.waiver) },
  { header: 'Terms version', width: 8, cell: (a) => integerCell(a.termsVersion) },
  { header: 'Unit price', width: 18, cell: (a) => decimalCell(a.unitPrice, a.currency) },
  { header: 'Currency', width: 9, cell: (a) => textCell(a.currency) },
  { header: 'Incarnation', width: 8, cell: (a) => integerCell(a.incarnation) },
];

/** Options with an outcome (exercised, declined, lapsed, withdrawn …). */
const decided = (options: OptionView[]) => options.filter((o) => o.outcome);

/**
 * The finance workbook: a summary, the queue one sheet per generation, the decisions and the audit
 * trail of the options exported. Cells are typed (numbers, dates, booleans); see xlsx-cells.ts in
 * @rackeval/platform for how exact money is written.
 */
export async function optionsWorkbook(options: OptionView[], audit: AuditEntryView[], generatedAt: Date): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'rackeval purchase-option';
  workbook.created = generatedAt;
  const generations = [...new Set(options.map((o) => o.generation))].sort();
  summarySheet(workbook.addWorksheet('Summary'), options, generations, generatedAt);
  for (const generation of generations) {
    writeTable(
      workbook.addWorksheet(sheetName(generation)),
      OPTION_COLUMNS,
      options.filter((o) => o.generation === generation),
    );
  }
  writeTable(workbook.addWorksheet('Decisions'), DECISION_COLUMNS, decided(options));
  writeTable(workbook.addWorksheet('Audit'), AUDIT_COLUMNS, audit);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** A generation's line; a second currency of spend gets its own line with no counts. */
interface SummaryRow {
  generation: string;
  of: OptionView[];
  currency: string | null;
  spend: string | null;
}

/** Per generation: options by state and the committed spend (exercised prices, summed exactly per currency). */
function summarySheet(sheet: ExcelJS.Worksheet, options: OptionView[], generations: string[], generatedAt: Date): void {
  const columns: Array<XlsxColumn<SummaryRow>> = [
    { header: 'Generation', width: 12, cell: (r) => textCell(r.generation) },
    { header: 'Options', width: 9, cell: (r) => integerCell(r.of.length) },
    ...OPTION_STATES.map((state) => ({
      header: state,
      width: 12,
      cell: (r: { of: OptionView[] }) => integerCell(r.of.filter((o) => o.state === state).length),
    })),
    {
      header: 'Cost verdict MISSES',
      width: 12,
      cell: (r) => integerCell(r.of.filter((o) => o.evidence.value.costVerdict === 'MISSES').length),
    },
    { header: 'Committed spend', width: 20, cell: (r) => decimalCell(r.spend, r.currency) },
    { header: 'Currency', width: 9, cell: (r) => textCell(r.currency) },
  ];
  const rows = generations.flatMap((generation): SummaryRow[] => {
    const of = options.filter((o) => o.generation === generation);
    const spend = spendByCurrency(of);
    if (!spend.size) return [{ generation, of, currency: null, spend: null }];
    return [...spend].map(([currency, total], index) => ({ generation, of: index ? [] : of, currency, spend: total }));
  });
  writeTable(sheet, columns, rows);
  const note = sheet.addRow([]);
  note.getCell(1).value = 'Generated at (UTC)';
  writeCell(note.getCell(2), dateCell(generatedAt.toISOString()));
}

function spendByCurrency(options: OptionView[]): Map<string, string> {
  const totals = new Map<string, Decimal>();
  for (const option of options) {
    if (option.state !== 'EXERCISED' || !option.terms) continue;
    const currency = option.terms.currency.trim();
    totals.set(currency, (totals.get(currency) ?? Decimal.zero(2)).plus(Decimal.parse(option.terms.unitPrice)));
  }
  return new Map([...totals].map(([currency, total]) => [currency, total.toFixed()]));
}

/** Sheet names: at most 31 characters, none of : \ / ? * [ ]. */
function sheetName(generation: string): string {
  return generation.replace(/[:\\/?*[\]]/g, '_').slice(0, 31);
}
