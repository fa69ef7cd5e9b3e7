import { Inject, Injectable } from '@nestjs/common';
import { postSignedWebhook, SERVICE_CONFIG } from '@rackeval/platform';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { ResultsConfig } from '../config';
import { FeedDeliveryTransitions } from './feed-delivery-transitions';
import { attemptOutcome, feedBodyOf, leaseMsFor, retryInMs } from './manufacturer-feed.rules';
import { ManufacturerFeedRepository } from './manufacturer-feed.repository';

const BATCH = 50;

/**
 * One pass: lease what is due (once across instances, the earliest pending of each finding), post
 * each signed, log the attempt and back off after a failure.
 */
@Injectable()
export class ManufacturerFeedDeliveryService {
  readonly instance = `${hostname()}#${process.pid}#${randomUUID().slice(0, 8)}`;

  constructor(
    private readonly repository: ManufacturerFeedRepository,
    private readonly transitions: FeedDeliveryTransitions,
    @Inject(SERVICE_CONFIG) private readonly config: ResultsConfig,
  ) {}

  get enabled(): boolean {
    return this.config.MANUFACTURER_WEBHOOK_URL !== '';
  }

  async pass(): Promise<string | void> {
    if (!this.enabled) return;
    const target = {
      url: this.config.MANUFACTURER_WEBHOOK_URL,
      secret: this.config.MANUFACTURER_WEBHOOK_SECRET,
      timeoutMs: this.config.MANUFACTURER_WEBHOOK_TIMEOUT_MS,
    };
    const due = await this.repository.leaseDue(this.instance, leaseMsFor(target.timeoutMs), BATCH);
    let delivered = 0;
    for (const delivery of due) {
      const at = new Date();
      const body = JSON.stringify(feedBodyOf(delivery));
      const answer = await postSignedWebhook(
        target,
        { event: delivery.type, delivery: delivery.eventId, body, userAgent: 'rackeval-results' },
        at,
      );
      const round = delivery.roundAttempts + 1;
      const outcome = attemptOutcome(answer.error, round, this.config.MANUFACTURER_WEBHOOK_MAX_ATTEMPTS);
      if (outcome === 'DELIVERED') delivered += 1;
      await this.transitions.recordAttempt(
        delivery,
        this.instance,
        { url: target.url, at, ...answer },
        outcome,
        retryInMs(outcome, round, this.config.MANUFACTURER_WEBHOOK_RETRY_BASE_MS),
      );
    }
    if (due.length) return `manufacturer feed: ${delivered} of ${due.length} delivered`;
  }
}
