import { Injectable } from '@nestjs/common';
import { Cursor, Page } from '@rackeval/platform';
import { DataSource } from 'typeorm';
import { AuditEntryView } from '../options/dto/option.view';
import { csvCell } from '../options/csv-cell';
import { toAuditView } from '../options/option-view.mapper';
import { OptionAuditEntity } from './audit.entity';
import { AuditQuery } from './dto/audit.query';

const CSV_COLUMNS: Array<keyof AuditEntryView> = [
  'id', 'occurredAt', 'rackSerial', 'action', 'actor', 'fromState', 'toState', 'reason', 'waiver', 'termsVersion', 'unitPrice', 'currency',
];

/** The append-only trail of every decision, approval, rejection, waiver and lapse, oldest first. */
@Injectable()
export class AuditService {
  constructor(private readonly dataSource: DataSource) {}

  async list(query: AuditQuery): Promise<Page<AuditEntryView>> {
    const rows = await this.rows(query, query.limit + 1);
    return Cursor.page(rows, query.limit, (row) => [String(row.id)], toAuditView);
  }

  async csv(query: AuditQuery): Promise<string> {
    const rows = (await this.rows({ ...query, cursor: undefined, limit: 0 })).map(toAuditView);
    const lines = [CSV_COLUMNS.join(','), ...rows.map((row) => CSV_COLUMNS.map((column) => csvCell(row[column])).join(','))];
    return `${lines.join('\r\n')}\r\n`;
  }

  private rows(query: AuditQuery, take?: number): Promise<OptionAuditEntity[]> {
    const builder = this.dataSource.manager.createQueryBuilder(OptionAuditEntity, 'a').orderBy('a.id', 'ASC');
    if (query.rack) builder.andWhere('a.rack_serial = :rack', { rack: query.rack });
    const position = Cursor.decode(query.cursor, ['bigint'] as const);
    if (position) builder.andWhere('a.id > :after', { after: position[0] });
    if (take) builder.take(take);
    return builder.getMany();
  }
}
