import { Injectable } from '@nestjs/common';
import { Transaction, UnitOfWork } from '@rackeval/messaging';
import { RackDetailView } from '../dto/rack.view';
import { RackEntity } from '../rack.entity';
import { RacksQueryService } from '../racks-query.service';
import { RackTransitions } from './rack-transitions';

/**
 * A person's change to one rack, as inspection, holds, withdrawal and return make it: the rack is
 * loaded (404 when unknown) and changed in one unit of work, and the answer is its detail read once
 * that has committed.
 */
@Injectable()
export class RackChanges {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly transitions: RackTransitions,
    private readonly racks: RacksQueryService,
  ) {}

  /** `idempotent`: the route is `@Idempotent()`, so a retry with the same key does the work once (`UnitOfWork.runOnce`). */
  async change(
    serial: string,
    work: (tx: Transaction, rack: RackEntity) => Promise<void>,
    { idempotent = false } = {},
  ): Promise<RackDetailView> {
    const change = async (tx: Transaction) => work(tx, await this.transitions.load(tx, serial));
    await (idempotent ? this.unitOfWork.runOnce(change) : this.unitOfWork.run(change));
    return this.racks.detail(serial);
  }
}
