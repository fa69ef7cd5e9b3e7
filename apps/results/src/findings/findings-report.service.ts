import { Injectable } from '@nestjs/common';
import { inSnapshot, xlsxWorkbook } from '@rackeval/platform';
import { DataSource, EntityManager } from 'typeorm';
import type { FindingReportQuery } from './dto/finding-report.query';
import {
  FINDING_REPORT_CSV_HEADER,
  FINDING_REPORT_XLSX_COLUMNS,
  type FindingReportLine,
  findingReportCsvLines,
  toReportLine,
} from './finding-report.columns';
import { type FindingReportPosition, FindingReportRepository } from './finding-report.repository';
import type { FindingFilter } from './finding.repository';

/** Findings per keyset page of the report: memory stays flat however many a generation has. */
const PAGE = 1_000;

export type FindingReportFilter = Pick<FindingReportQuery, 'generation' | 'lot' | 'state'>;

/** `findings-G2-lot-B.csv` */
export function findingReportFilename(filter: FindingReportFilter, extension: string): string {
  return `findings-${[filter.generation, filter.lot && `lot-${filter.lot}`, filter.state?.toLowerCase()].filter(Boolean).join('-')}.${extension}`;
}

/**
 * The manufacturer-facing findings report of a generation (or one of its lots): one line per
 * finding, oldest first, with its suspected BOM line, its group's size and its evidence links.
 * Every page comes from one read-only snapshot, so the report is consistent however long it streams.
 */
@Injectable()
export class FindingsReportService {
  constructor(private readonly dataSource: DataSource) {}

  async *csv(filter: FindingReportFilter): AsyncGenerator<string> {
    yield FINDING_REPORT_CSV_HEADER;
    for await (const lines of inSnapshot(this.dataSource, (manager) => this.pages(manager, filter))) yield findingReportCsvLines(lines);
  }

  async workbook(filter: FindingReportFilter, generatedAt = new Date()): Promise<Buffer> {
    const lines: FindingReportLine[] = [];
    for await (const page of inSnapshot(this.dataSource, (manager) => this.pages(manager, filter))) lines.push(...page);
    return xlsxWorkbook([{ name: 'Findings', columns: FINDING_REPORT_XLSX_COLUMNS, rows: lines }], {
      creator: 'rackeval results',
      created: generatedAt,
    });
  }

  private async *pages(manager: EntityManager, filter: FindingReportFilter): AsyncGenerator<FindingReportLine[]> {
    const where: FindingFilter = { generation: filter.generation, lot: filter.lot, state: filter.state };
    let after: FindingReportPosition | undefined;
    for (;;) {
      const records = await FindingReportRepository.page(manager, where, after, PAGE);
      if (records.length) yield records.map(toReportLine);
      if (records.length < PAGE) return;
      after = records[records.length - 1].position;
    }
  }
}
