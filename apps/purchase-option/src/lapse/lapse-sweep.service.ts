import { Injectable, Logger } from '@nestjs/common';
import { metric, UnitOfWork } from '@rackeval/messaging';
import { Counter } from 'prom-client';
import { applyTransition } from '../options/option-transitions';
import { PurchaseOptionEntity } from '../options/option.entity';
import { TermsRepository } from '../terms/terms.repository';
import { LapseRepository } from './lapse.repository';

export const LAPSE_ACTOR = 'system:lapse-sweep';

const lapseFailures = metric(
  'rackeval_lapse_failures_total',
  () => new Counter({ name: 'rackeval_lapse_failures_total', help: 'Expired options the lapse sweep could not end (retried next sweep)' }),
);

/**
 * Lapses open options whose window has closed, each in its own transaction: one option that cannot
 * lapse (bad data, a bug) is logged, counted and skipped until the next sweep, and holds up no other.
 * Options are claimed with FOR UPDATE SKIP LOCKED, so several instances sweeping at once never take
 * the same one, and a finance decision racing the sweep loses on the row version (409) — each
 * option ends exactly once.
 */
@Injectable()
export class LapseSweepService {
  private readonly logger = new Logger(LapseSweepService.name);

  constructor(private readonly unitOfWork: UnitOfWork) {}

  /** Up to `batchSize` options; returns the serials it lapsed. Serials in `skip` failed earlier in this sweep. */
  async sweepOnce(batchSize: number, now = new Date(), skip = new Set<string>()): Promise<string[]> {
    const lapsed: string[] = [];
    while (lapsed.length < batchSize) {
      const outcome = await this.lapseNext(now, skip);
      if (!outcome) break;
      if (outcome.lapsed) lapsed.push(outcome.serial);
      else skip.add(outcome.serial);
    }
    return lapsed;
  }

  /** Sweeps until nothing is due (but the options that failed this time). */
  async sweep(batchSize: number, now = new Date()): Promise<number> {
    const skip = new Set<string>();
    let total = 0;
    for (;;) {
      const lapsed = await this.sweepOnce(batchSize, now, skip);
      total += lapsed.length;
      if (lapsed.length < batchSize) return total;
    }
  }

  /** Claims and lapses the next due option; undefined when none is due. A failed claim (database away) throws. */
  private async lapseNext(now: Date, skip: ReadonlySet<string>): Promise<{ serial: string; lapsed: boolean } | undefined> {
    let claimed: string | undefined;
    try {
      return await this.unitOfWork.run(async (tx) => {
        const option = await LapseRepository.claimNextDue(tx.manager, now, skip);
        if (!option) return undefined;
        claimed = option.rackSerial;
        const terms = await TermsRepository.version(tx.manager, option.generation, option.termsVersion!);
        if (!terms) throw new Error(`terms version ${option.termsVersion} of ${option.generation} not found`);
        const rationale = `option window closed at ${option.expiresAt!.toISOString()} without a decision`;
        await applyTransition(tx, option, terms, {
          action: 'lapse',
          actor: LAPSE_ACTOR,
          at: now,
          reason: rationale,
          changes: { ...withoutRequest(), decidedBy: LAPSE_ACTOR, decisionRationale: rationale, endedAt: now },
        });
        return { serial: option.rackSerial, lapsed: true };
      });
    } catch (error) {
      if (!claimed) throw error;
      lapseFailures.inc();
      this.logger.error(`option ${claimed} could not lapse; skipped until the next sweep: ${(error as Error).message}`);
      return { serial: claimed, lapsed: false };
    }
  }
}

function withoutRequest(): Partial<PurchaseOptionEntity> {
  return { requestedBy: null, requestedAt: null, requestRationale: null, requestWaiver: null, requestedFrom: null };
}
