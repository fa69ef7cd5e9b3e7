import { Injectable } from '@nestjs/common';
import { UnitOfWork } from '@rackeval/messaging';
import { applyTransition } from '../options/option-transitions';
import { PurchaseOptionEntity } from '../options/option.entity';
import { OPEN_STATES } from '../options/option.state-machine';
import { TermsRepository } from '../terms/terms.repository';

export const LAPSE_ACTOR = 'system:lapse-sweep';

/**
 * Lapses open options whose window has closed. Rows are claimed with FOR UPDATE SKIP LOCKED, so
 * several instances sweeping at once never take the same option, and a finance decision racing
 * the sweep loses on the row version (409) — each option ends exactly once.
 */
@Injectable()
export class LapseSweepService {
  constructor(private readonly unitOfWork: UnitOfWork) {}

  /** One batch; returns the serials it lapsed. */
  sweepOnce(batchSize: number, now = new Date()): Promise<string[]> {
    return this.unitOfWork.run(async (tx) => {
      const due = await tx.manager
        .createQueryBuilder(PurchaseOptionEntity, 'o')
        .where('o.state IN (:...open)', { open: OPEN_STATES })
        .andWhere('o.expires_at <= :now', { now })
        .orderBy('o.expires_at', 'ASC')
        .addOrderBy('o.rack_serial', 'ASC')
        .limit(batchSize)
        .setLock('pessimistic_write')
        .setOnLocked('skip_locked')
        .getMany();
      for (const option of due) {
        const terms = await TermsRepository.version(tx.manager, option.generation, option.termsVersion!);
        const rationale = `option window closed at ${option.expiresAt!.toISOString()} without a decision`;
        await applyTransition(tx, option, terms!, {
          action: 'lapse',
          actor: LAPSE_ACTOR,
          at: now,
          reason: rationale,
          changes: { ...withoutRequest(), decidedBy: LAPSE_ACTOR, decisionRationale: rationale, endedAt: now },
        });
      }
      return due.map((option) => option.rackSerial);
    });
  }

  /** Sweeps batch after batch until nothing is due. */
  async sweep(batchSize: number, now = new Date()): Promise<number> {
    let total = 0;
    for (;;) {
      const lapsed = await this.sweepOnce(batchSize, now);
      total += lapsed.length;
      if (lapsed.length < batchSize) return total;
    }
  }
}

function withoutRequest(): Partial<PurchaseOptionEntity> {
  return { requestedBy: null, requestedAt: null, requestRationale: null, requestWaiver: null, requestedFrom: null };
}
