import { Inject, Injectable } from '@nestjs/common';
import type { Transaction } from '@rackeval/messaging';
import { SERVICE_CONFIG } from '@rackeval/platform';
import type { ResultsConfig } from '../config';
import type { FindingRecord } from '../findings/finding.model';
import { feedTypeOf, type FindingChangeLine } from './feed-changes.rules';
import { findingCopyOf } from './manufacturer-feed.rules';
import { ManufacturerFeedRepository } from './manufacturer-feed.repository';

/** A finding's history line as written: its id makes the delivery unique. */
export interface FindingHistoryLine extends FindingChangeLine {
  id: string;
  at: string;
  note: string | null;
}

/**
 * Queues the manufacturer's delivery of a finding's change in the change's own transaction
 * (FindingTransitions calls it after the history line), so a delivery exists exactly when its
 * change committed and one finding's deliveries are numbered in the order of its changes.
 */
@Injectable()
export class ManufacturerFeedQueueService {
  constructor(
    private readonly repository: ManufacturerFeedRepository,
    @Inject(SERVICE_CONFIG) private readonly config: ResultsConfig,
  ) {}

  /** Off (no MANUFACTURER_WEBHOOK_URL): nothing is queued, so nothing piles up to be sent once it is switched on. */
  get enabled(): boolean {
    return this.config.MANUFACTURER_WEBHOOK_URL !== '';
  }

  /**
   * `finding` as it stands after the change `line` records; a change the manufacturer is not told
   * of (feedTypeOf) queues nothing. The finding and its evidence are copied now, so every attempt
   * sends the same body.
   */
  async enqueue(tx: Transaction, finding: FindingRecord, line: FindingHistoryLine): Promise<void> {
    if (!this.enabled) return;
    const type = feedTypeOf(line);
    if (!type) return;
    await this.repository.enqueue(tx.manager, {
      historyId: line.id,
      findingId: finding.id,
      rackSerial: finding.rackSerial,
      type,
      occurredAt: line.at,
      note: line.note,
      finding: findingCopyOf(finding),
      evidence: await this.repository.evidenceOf(tx.manager, finding.id, finding.runId),
    });
  }
}
