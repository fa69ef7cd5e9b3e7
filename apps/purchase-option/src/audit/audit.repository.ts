import { entityOf, type NestedRow, type Row } from '@rackeval/platform';
import { EntityManager } from 'typeorm';
import { OptionAuditEntity } from './audit.entity';

/** An audit line's columns, in OptionAuditEntity's order. */
const AUDIT_COLUMNS = `id, rack_serial, action, actor, actor_id, occurred_at, from_state, to_state, reason, waiver, terms_version, unit_price,
  currency, incarnation`;

/** An audit line read nested in another statement (the option's page). */
export const AUDIT_ROW: NestedRow = { columns: AUDIT_COLUMNS, timestamps: ['occurred_at'], exact: ['id', 'unit_price'] };

/** An audit row as its entity: `occurredAt` stays the driver's Date (the id is a bigint, so a string). */
export const entryOf = (row: Row): OptionAuditEntity => entityOf<OptionAuditEntity>(row);

/** The audit trail by keyset on its id (oldest first), for all racks or one (`option_audit_by_rack (rack_serial, id)`). */
export const AuditRepository = {
  page(manager: EntityManager, filter: { rack?: string }, afterId: string | undefined, take: number): Promise<OptionAuditEntity[]> {
    const query = manager.createQueryBuilder(OptionAuditEntity, 'a').orderBy('a.id', 'ASC').take(take);
    if (filter.rack) query.andWhere('a.rack_serial = :rack', { rack: filter.rack });
    if (afterId !== undefined) query.andWhere('a.id > :after', { after: afterId });
    return query.getMany();
  },

  /** One rack's trail, oldest first. */
  async ofRack(manager: EntityManager, rackSerial: string): Promise<OptionAuditEntity[]> {
    const rows: Row[] = await manager.query(`SELECT ${AUDIT_COLUMNS} FROM option_audit WHERE rack_serial = $1 ORDER BY id`, [rackSerial]);
    return rows.map(entryOf);
  },
};
