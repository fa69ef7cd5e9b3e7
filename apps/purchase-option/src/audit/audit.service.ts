import { Injectable } from '@nestjs/common';
import { csvCell, Cursor, inSnapshot, Page } from '@rackeval/platform';
import { DataSource, EntityManager } from 'typeorm';
import { AuditEntryView } from '../options/dto/option.view';
import { toAuditView } from '../options/option-view.mapper';
import { AuditRepository } from './audit.repository';
import { AuditQuery } from './dto/audit.query';

const CSV_COLUMNS: Array<keyof AuditEntryView> = [
  'id',
  'occurredAt',
  'rackSerial',
  'action',
  'actor',
  'fromState',
  'toState',
  'reason',
  'waiver',
  'termsVersion',
  'unitPrice',
  'currency',
];
/** Entries per keyset page of the CSV: memory stays flat whatever the trail's length. */
const CSV_PAGE = 2_000;

/** The append-only trail of every decision, approval, rejection, waiver and lapse, oldest first. */
@Injectable()
export class AuditService {
  constructor(private readonly dataSource: DataSource) {}

  async list(query: AuditQuery): Promise<Page<AuditEntryView>> {
    const after = Cursor.decode(query.cursor, ['bigint'] as const);
    const rows = await AuditRepository.page(this.dataSource.manager, query, after?.[0], query.limit + 1);
    return Cursor.page(rows, query.limit, (row) => [String(row.id)], toAuditView);
  }

  /** The CSV, oldest first: a header, then the lines of each keyset page as the reader takes them, all from one snapshot. */
  async *csv(query: Pick<AuditQuery, 'rack'>): AsyncGenerator<string> {
    yield `${CSV_COLUMNS.join(',')}\r\n`;
    yield* inSnapshot(this.dataSource, (manager) => this.csvPages(manager, query));
  }

  private async *csvPages(manager: EntityManager, query: Pick<AuditQuery, 'rack'>): AsyncGenerator<string> {
    let after: string | undefined;
    for (;;) {
      const rows = await AuditRepository.page(manager, query, after, CSV_PAGE);
      let lines = '';
      for (const row of rows.map(toAuditView)) lines += `${CSV_COLUMNS.map((column) => csvCell(row[column])).join(',')}\r\n`;
      if (lines) yield lines;
      if (rows.length < CSV_PAGE) return;
      after = rows[rows.length - 1].id;
    }
  }
}
