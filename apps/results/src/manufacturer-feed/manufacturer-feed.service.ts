import { Injectable } from '@nestjs/common';
import { Cursor, type Page } from '@rackeval/platform';
import { DataSource } from 'typeorm';
import { unknownDelivery } from '../results.errors';
import type { FeedDeliveriesQuery, FeedDeliveryView } from './dto/feed-delivery.view';
import { FeedDeliveryTransitions } from './feed-delivery-transitions';
import { type FeedDeliveryRecord, ManufacturerFeedRepository } from './manufacturer-feed.repository';

/** The feed's delivery log, and an admin's re-send of a delivery that gave up. */
@Injectable()
export class ManufacturerFeedService {
  constructor(
    private readonly repository: ManufacturerFeedRepository,
    private readonly transitions: FeedDeliveryTransitions,
    private readonly dataSource: DataSource,
  ) {}

  async list(query: FeedDeliveriesQuery): Promise<Page<FeedDeliveryView>> {
    const position = Cursor.decode(query.cursor, ['bigint'] as const);
    const rows = await this.repository.list(query.state, position ? position[0] : null, query.limit + 1);
    return Cursor.page(rows, query.limit, (row) => [row.id], toView);
  }

  /** GAVE_UP → PENDING (409 naming the state otherwise); the next pass sends it before any later delivery of its finding. */
  async resend(id: string, actor: string): Promise<FeedDeliveryView> {
    await this.transitions.resend(id, actor);
    const row = await this.repository.find(this.dataSource.manager, id);
    if (!row) throw unknownDelivery(id);
    return toView(row);
  }
}

const toView = (row: FeedDeliveryRecord): FeedDeliveryView => ({ ...row });
