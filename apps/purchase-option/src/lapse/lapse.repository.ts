import { EntityManager } from 'typeorm';
import { PurchaseOptionEntity } from '../options/option.entity';
import { OPEN_STATES } from '../options/option.state-machine';

/** The lapse sweep's queue: open options whose window has closed. */
export const LapseRepository = {
  /**
   * Claims the open option that expired first (by `now`), but those in `skip`, under its row lock;
   * FOR UPDATE SKIP LOCKED, so sweeps running at once never take the same one. Null when none is due.
   */
  claimNextDue(manager: EntityManager, now: Date, skip: ReadonlySet<string>): Promise<PurchaseOptionEntity | null> {
    const query = manager
      .createQueryBuilder(PurchaseOptionEntity, 'o')
      .where('o.state IN (:...open)', { open: OPEN_STATES })
      .andWhere('o.expires_at <= :now', { now });
    if (skip.size) query.andWhere('o.rack_serial NOT IN (:...skip)', { skip: [...skip] });
    return query
      .orderBy('o.expires_at', 'ASC')
      .addOrderBy('o.rack_serial', 'ASC')
      .limit(1)
      .setLock('pessimistic_write')
      .setOnLocked('skip_locked')
      .getOne();
  },
};
