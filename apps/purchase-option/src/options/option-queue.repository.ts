import { EntityManager, SelectQueryBuilder } from 'typeorm';
import { PurchaseOptionEntity } from './option.entity';

/** Which options a list or export reads (the keyset position aside). */
export interface OptionQueueFilter {
  state?: string;
  generation?: string;
  /** open options (these states) expiring at or before `horizon` */
  expiring?: { states: readonly string[]; horizon: Date };
  /** options whose rack is at the manufacturer under an RMA (`open`), or was ever on one (`any`) */
  rma?: 'open' | 'any';
}

/** A position in expiry order: the last option read (no expiry sorts after every expiry). */
export type OptionQueuePosition = readonly [expiresAt: Date | null, rackSerial: string];

/**
 * The option queue in expiry order — soonest first, options without expiry last, then by serial —
 * read by keyset. Each predicate is a row-value comparison in the column order of the index that
 * serves it (`(expires_at, rack_serial)` after any equality on `state` and `generation`), so page
 * 1,000 starts with an index range where page 1 starts, instead of scanning every earlier row.
 * `expires_at` NULLs sort last: the dated part and the undated part are two ranges, read in turn.
 */
export const OptionQueueRepository = {
  /** Up to `take` options after `after` (from the start without one). */
  async page(
    manager: EntityManager,
    filter: OptionQueueFilter,
    after: OptionQueuePosition | undefined,
    take: number,
  ): Promise<PurchaseOptionEntity[]> {
    const queries = OptionQueueRepository.queries(manager, filter, after, take);
    const rows = (await queries.first?.getMany()) ?? [];
    if (rows.length < take && queries.undated) rows.push(...(await queries.undated.take(take - rows.length).getMany()));
    return rows;
  },

  /**
   * The queries a page runs. From the start, one: the index order already puts the undated last.
   * After a dated position, the rest of the dated range, then (if the page is not full) the undated
   * range; after an undated position, the rest of the undated range.
   */
  queries(
    manager: EntityManager,
    filter: OptionQueueFilter,
    after: OptionQueuePosition | undefined,
    take: number,
  ): { first?: SelectQueryBuilder<PurchaseOptionEntity>; undated?: SelectQueryBuilder<PurchaseOptionEntity> } {
    const base = () => {
      const query = manager.createQueryBuilder(PurchaseOptionEntity, 'o');
      if (filter.state) query.andWhere('o.state = :state', { state: filter.state });
      if (filter.generation) query.andWhere('o.generation = :generation', { generation: filter.generation });
      if (filter.expiring)
        query
          .andWhere('o.state IN (:...open)', { open: filter.expiring.states })
          .andWhere('o.expires_at <= :horizon', { horizon: filter.expiring.horizon });
      if (filter.rma === 'open')
        query.andWhere('EXISTS (SELECT 1 FROM rack_rma r WHERE r.rack_serial = o.rack_serial AND r.received_at IS NULL)');
      if (filter.rma === 'any') query.andWhere('EXISTS (SELECT 1 FROM rack_rma r WHERE r.rack_serial = o.rack_serial)');
      return query.orderBy('o.expires_at', 'ASC', 'NULLS LAST').addOrderBy('o.rack_serial', 'ASC').take(take);
    };
    if (!after) return { first: base() };
    // An option with no expiry never expires within a horizon. Within a state the undated range is
    // read in serial order alone (the same order: every expires_at is NULL), which the partial index
    // purchase_option_queue_undated (state, rack_serial) serves; ordered by expires_at as well, the
    // planner read the undated range of every state through purchase_option_by_expiry, filtering.
    const undated = filter.expiring
      ? undefined
      : filter.state
        ? base().andWhere('o.expires_at IS NULL').orderBy('o.rack_serial', 'ASC')
        : base().andWhere('o.expires_at IS NULL');
    if (after[0] === null) return { first: undated?.andWhere('o.rack_serial > :serial', { serial: after[1] }) };
    return { first: base().andWhere('(o.expires_at, o.rack_serial) > (:after, :serial)', { after: after[0], serial: after[1] }), undated };
  },
};
