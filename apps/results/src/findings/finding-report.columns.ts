import { csvCell, dateCell, integerCell, textCell, type XlsxCell, type XlsxColumn } from '@rackeval/platform';
import { attachmentHref } from './attachments/attachment-views';
import type { FindingReportRecord } from './finding-report.repository';

/** One line of the manufacturer's findings report. */
export interface FindingReportLine {
  id: string;
  rackSerial: string;
  generation: string;
  lot: string | null;
  runId: string | null;
  origin: string;
  criterion: string | null;
  diagnosis: string | null;
  title: string;
  failureClass: string | null;
  state: string;
  owner: string | null;
  partNumber: string | null;
  supplier: string | null;
  countryOfOrigin: string | null;
  location: string | null;
  openedAt: string;
  updatedAt: string;
  groupKey: string;
  similarFindings: number;
  /** Absolute paths of the finding's attachment downloads on this service. */
  evidence: string[];
}

export function toReportLine({ finding, similar, attachmentIds }: FindingReportRecord): FindingReportLine {
  return {
    id: finding.id,
    rackSerial: finding.rackSerial,
    generation: finding.generation,
    lot: finding.lot,
    runId: finding.runId,
    origin: finding.origin,
    criterion: finding.criterion,
    diagnosis: finding.diagnosis,
    title: finding.title,
    failureClass: finding.failureClass,
    state: finding.state,
    owner: finding.owner,
    partNumber: finding.component?.partNumber ?? null,
    supplier: finding.component?.supplier ?? null,
    countryOfOrigin: finding.component?.countryOfOrigin ?? null,
    location: finding.component?.location ?? null,
    openedAt: finding.openedAt,
    updatedAt: finding.updatedAt,
    groupKey: finding.groupKey,
    similarFindings: similar,
    evidence: attachmentIds.map((attachmentId) => attachmentHref('FINDING', finding.id, attachmentId)),
  };
}

type Kind = 'text' | 'instant' | 'count';

/** The report's columns, in order: the CSV's header name, the sheet's header, how wide, and what kind of cell. */
const COLUMNS: Array<{
  csv: string;
  header: string;
  width: number;
  kind: Kind;
  value: (line: FindingReportLine) => string | number | null;
}> = [
  { csv: 'id', header: 'Finding', width: 38, kind: 'text', value: (l) => l.id },
  { csv: 'rack_serial', header: 'Rack serial', width: 16, kind: 'text', value: (l) => l.rackSerial },
  { csv: 'generation', header: 'Generation', width: 11, kind: 'text', value: (l) => l.generation },
  { csv: 'lot', header: 'Lot', width: 10, kind: 'text', value: (l) => l.lot },
  { csv: 'run_id', header: 'Run', width: 38, kind: 'text', value: (l) => l.runId },
  { csv: 'origin', header: 'Origin', width: 12, kind: 'text', value: (l) => l.origin },
  { csv: 'criterion', header: 'Criterion', width: 20, kind: 'text', value: (l) => l.criterion },
  { csv: 'diagnosis', header: 'Diagnosis', width: 20, kind: 'text', value: (l) => l.diagnosis },
  { csv: 'title', header: 'Title', width: 40, kind: 'text', value: (l) => l.title },
  { csv: 'failure_class', header: 'Failure class', width: 18, kind: 'text', value: (l) => l.failureClass },
  { csv: 'state', header: 'State', width: 24, kind: 'text', value: (l) => l.state },
  { csv: 'owner', header: 'Owner', width: 14, kind: 'text', value: (l) => l.owner },
  { csv: 'part_number', header: 'Suspected part number', width: 18, kind: 'text', value: (l) => l.partNumber },
  { csv: 'supplier', header: 'Supplier', width: 16, kind: 'text', value: (l) => l.supplier },
  { csv: 'country_of_origin', header: 'Country of origin', width: 8, kind: 'text', value: (l) => l.countryOfOrigin },
  { csv: 'location', header: 'Location', width: 16, kind: 'text', value: (l) => l.location },
  { csv: 'opened_at', header: 'Opened at (UTC)', width: 20, kind: 'instant', value: (l) => l.openedAt },
  { csv: 'updated_at', header: 'Updated at (UTC)', width: 20, kind: 'instant', value: (l) => l.updatedAt },
  { csv: 'group_key', header: 'Group', width: 36, kind: 'text', value: (l) => l.groupKey },
  { csv: 'similar_findings', header: 'Similar findings', width: 9, kind: 'count', value: (l) => l.similarFindings },
  { csv: 'evidence', header: 'Evidence', width: 60, kind: 'text', value: (l) => l.evidence.join(';') || null },
];

/** The CSV header line, CRLF-terminated. */
export const FINDING_REPORT_CSV_HEADER = `${COLUMNS.map((column) => column.csv).join(',')}\r\n`;

/** One CRLF-terminated CSV line per finding; text goes through the formula rule. */
export function findingReportCsvLines(lines: FindingReportLine[]): string {
  let out = '';
  for (const line of lines) out += `${COLUMNS.map((column) => csvCell(column.value(line))).join(',')}\r\n`;
  return out;
}

const cellOf = (kind: Kind, value: string | number | null): XlsxCell => {
  if (kind === 'instant') return dateCell(value as string | null);
  if (kind === 'count') return integerCell(value as number | null);
  return textCell(value as string | null);
};

/** The same columns for the workbook, as typed cells (dates, counts, text through the formula rule). */
export const FINDING_REPORT_XLSX_COLUMNS: Array<XlsxColumn<FindingReportLine>> = COLUMNS.map((column) => ({
  header: column.header,
  width: column.width,
  cell: (line: FindingReportLine) => cellOf(column.kind, column.value(line)),
}));
