import { Injectable } from '@nestjs/common';
import { RackShippedForRma, RmaCancelled, RmaOpened, RmaShipped } from '@rackeval/contracts';
import { Transaction, UnitOfWork } from '@rackeval/messaging';
import { randomUUID } from 'node:crypto';
import { IntakeError, IntakeErrorCode } from '../intake.errors';
import { KnownOptionsRepository } from '../racks/holds/known-options.repository';
import { assertReturnable } from '../racks/holds/ways-out.rules';
import { RackTransitions } from '../racks/lifecycle/rack-transitions';
import { RackEntity } from '../racks/rack.entity';
import { RacksRepository } from '../racks/racks.repository';
import { CancelRmaDto, OpenRmaDto, ShipRmaDto } from './dto/rma.dto';
import { RmaDetailView } from './dto/rma.view';
import { RmaRow, RmasRepository } from './rma.repository';
import { assertRmaUnits, assertShippedAt } from './rma.rules';
import { RmaTransitions } from './rma-transitions';
import { RmasQueryService } from './rmas-query.service';

/**
 * RMAs send racks back to the manufacturer (issue #18's loop): intake or an admin opens one for
 * racks awaiting return, with the findings it reports, ships it (each rack AWAITING_RETURN →
 * RETURNED_FOR_RMA) or cancels it before shipping. Each answer is stored with its Idempotency-Key.
 */
@Injectable()
export class RmasService {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly rmaTransitions: RmaTransitions,
    private readonly rackTransitions: RackTransitions,
    private readonly query: RmasQueryService,
  ) {}

  open(dto: OpenRmaDto, actor: string): Promise<RmaDetailView> {
    return this.unitOfWork.runOnce(async (tx) => {
      // Locked so that two RMAs for the same rack are decided one after the other.
      const racks = await lockRacks(tx, dto.serials);
      assertRmaUnits(dto.serials, racks, await RmasRepository.onActiveRmas(tx.manager, dto.serials));
      const rma = {
        id: randomUUID(),
        rmaNumber: dto.rmaNumber,
        serials: dto.serials,
        findingIds: dto.findingIds,
        notes: dto.notes ?? null,
        createdBy: actor,
        createdAt: new Date(),
      };
      if (!(await RmasRepository.insert(tx.manager, rma))) {
        throw new IntakeError(IntakeErrorCode.RMA_NUMBER_TAKEN, `RMA number ${dto.rmaNumber} is already recorded at intake`, [
          { field: 'rmaNumber', message: `${dto.rmaNumber} is taken` },
        ]);
      }
      const reason = `opened for ${dto.serials.join(', ')}${dto.findingIds.length ? ` reporting ${dto.findingIds.length} finding(s)` : ''}`;
      await this.rmaTransitions.opened(tx, rma.id, { actor, occurredAt: rma.createdAt, reason });
      tx.publish(RmaOpened, {
        ...fact({ id: rma.id, rma_number: rma.rmaNumber, serials: rma.serials, finding_ids: rma.findingIds }, actor, rma.createdAt),
        ...(dto.notes === undefined ? {} : { notes: dto.notes }),
      });
      return this.query.detailIn(tx.manager, rma.id);
    });
  }

  /** The units left: the RMA is SHIPPED and each rack RETURNED_FOR_RMA, all or nothing. */
  ship(id: string, dto: ShipRmaDto, actor: string): Promise<RmaDetailView> {
    return this.unitOfWork.runOnce(async (tx) => {
      const rma = await this.rmaTransitions.load(tx, id);
      const occurredAt = new Date();
      assertShippedAt(dto.shippedAt, occurredAt);
      const shippedAt = new Date(dto.shippedAt);
      await this.rmaTransitions.move(
        tx,
        rma,
        { action: 'ship', shippedAt },
        {
          actor,
          occurredAt,
          reason: `units shipped to the manufacturer at ${shippedAt.toISOString()}`,
        },
      );
      for (const rack of await lockRacks(tx, rma.serials)) {
        // A rack is not sent back while finance can still buy it (the return's rule, ways-out.rules.ts).
        assertReturnable(rack, await KnownOptionsRepository.stateOf(tx.manager, rack.serial));
        await this.rackTransitions.move(tx, rack, 'ship-for-rma', {
          actor,
          occurredAt,
          reason: `shipped to the manufacturer under RMA ${rma.rma_number}`,
        });
        tx.publish(RackShippedForRma, {
          rackSerial: rack.serial,
          generation: rack.generation,
          occurredAt: occurredAt.toISOString(),
          actor,
          rmaId: rma.id,
          rmaNumber: rma.rma_number,
          shippedAt: shippedAt.toISOString(),
        });
      }
      tx.publish(RmaShipped, { ...fact(rma, actor, occurredAt), shippedAt: shippedAt.toISOString() });
      return this.query.detailIn(tx.manager, id);
    });
  }

  /** Cancelled before shipping: its racks still await return (and may go on another RMA). */
  cancel(id: string, dto: CancelRmaDto, actor: string): Promise<RmaDetailView> {
    return this.unitOfWork.runOnce(async (tx) => {
      const rma = await this.rmaTransitions.load(tx, id);
      const occurredAt = new Date();
      await this.rmaTransitions.move(
        tx,
        rma,
        { action: 'cancel', reason: dto.reason },
        { actor, occurredAt, reason: `cancelled: ${dto.reason}` },
      );
      tx.publish(RmaCancelled, { ...fact(rma, actor, occurredAt), reason: dto.reason });
      return this.query.detailIn(tx.manager, id);
    });
  }
}

/** The racks named, each under its row lock, taken in serial order (two RMAs never wait on each other crosswise); unknown serials are left out. */
export async function lockRacks(tx: Transaction, serials: readonly string[]): Promise<RackEntity[]> {
  const racks: RackEntity[] = [];
  for (const serial of [...new Set(serials)].sort()) {
    const rack = await RacksRepository.lock(tx.manager, serial);
    if (rack) racks.push(rack);
  }
  return racks;
}

/** What every RMA event carries. */
export function fact(rma: Pick<RmaRow, 'id' | 'rma_number' | 'serials' | 'finding_ids'>, actor: string, occurredAt: Date) {
  return {
    rmaId: rma.id,
    rmaNumber: rma.rma_number,
    serials: rma.serials,
    findingIds: rma.finding_ids,
    actor,
    occurredAt: occurredAt.toISOString(),
  };
}
