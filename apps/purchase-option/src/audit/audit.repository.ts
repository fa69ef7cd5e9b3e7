import { EntityManager } from 'typeorm';
import { OptionAuditEntity } from './audit.entity';

/** The audit trail by keyset on its id (oldest first), for all racks or one (`option_audit_by_rack (rack_serial, id)`). */
export const AuditRepository = {
  page(manager: EntityManager, filter: { rack?: string }, afterId: string | undefined, take: number): Promise<OptionAuditEntity[]> {
    const query = manager.createQueryBuilder(OptionAuditEntity, 'a').orderBy('a.id', 'ASC').take(take);
    if (filter.rack) query.andWhere('a.rack_serial = :rack', { rack: filter.rack });
    if (afterId !== undefined) query.andWhere('a.id > :after', { after: afterId });
    return query.getMany();
  },

  /** One rack's trail, oldest first. */
  ofRack(manager: EntityManager, rackSerial: string): Promise<OptionAuditEntity[]> {
    return manager.find(OptionAuditEntity, { where: { rackSerial }, order: { id: 'ASC' } });
  },
};
