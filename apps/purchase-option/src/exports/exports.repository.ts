import { Injectable } from '@nestjs/common';
import { Any, DataSource } from 'typeorm';
import { OptionAuditEntity } from '../audit/audit.entity';

/** Reads for the exports that the option queries do not already offer. */
@Injectable()
export class ExportsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The audit trail of these racks, oldest first (one array parameter, however many racks). */
  auditOf(rackSerials: string[]): Promise<OptionAuditEntity[]> {
    if (!rackSerials.length) return Promise.resolve([]);
    return this.dataSource.manager.find(OptionAuditEntity, { where: { rackSerial: Any(rackSerials) }, order: { id: 'ASC' } });
  }
}
