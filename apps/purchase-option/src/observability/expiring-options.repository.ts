import { EntityManager } from 'typeorm';
import { OPEN_STATES } from '../options/option.state-machine';

export interface ExpiringCount {
  generation: string;
  state: string;
  options: number;
}

/** Read-only counts for monitoring. */
export const ExpiringOptionsRepository = {
  /**
   * Open options (no decision yet, or one awaiting its second approver) whose window closes within
   * `withinDays`; a range on the `purchase_option_by_expiry` index. Expired ones are left to the
   * lapse sweep, which counts its own failures.
   */
  async count(manager: EntityManager, withinDays: number): Promise<ExpiringCount[]> {
    const rows: Array<{ generation: string; state: string; options: number }> = await manager.query(
      `SELECT generation, state, count(*)::int AS options FROM purchase_option
        WHERE expires_at > now() AND expires_at <= now() + make_interval(days => $1) AND state = ANY($2)
        GROUP BY generation, state`,
      [withinDays, OPEN_STATES],
    );
    return rows;
  },
};
