import { Injectable } from '@nestjs/common';
import { HoldableRackState, RackHeld, RackHoldReleased, RackWithdrawn } from '@rackeval/contracts';
import { RackDetailView } from '../dto/rack.view';
import { RackChanges } from '../lifecycle/rack-changes';
import { RackTransitions } from '../lifecycle/rack-transitions';
import { KnownOptionsRepository } from './known-options.repository';
import { assertWithdrawable } from './ways-out.rules';

/**
 * Ways out of the normal flow, by intake or admin: hold a rack before its verdict (test-run stops
 * scheduling it and aborts its active run, cause HOLD), release the hold, or withdraw a damaged
 * rack (purchase-option ends its option WITHDRAWN; the rack awaits return).
 */
@Injectable()
export class RackHoldsService {
  constructor(
    private readonly changes: RackChanges,
    private readonly transitions: RackTransitions,
  ) {}

  async hold(serial: string, reason: string, actor: string): Promise<RackDetailView> {
    return this.changes.change(
      serial,
      async (tx, rack) => {
        const occurredAt = new Date();
        const heldFrom = (await this.transitions.move(tx, rack, 'hold', {
          actor,
          occurredAt,
          reason: `on hold: ${reason}`,
        })) as HoldableRackState;
        tx.publish(RackHeld, {
          rackSerial: serial,
          generation: rack.generation,
          occurredAt: occurredAt.toISOString(),
          actor,
          heldFrom,
          reason,
        });
      },
      { idempotent: true },
    );
  }

  async releaseHold(serial: string, reason: string | undefined, actor: string): Promise<RackDetailView> {
    return this.changes.change(
      serial,
      async (tx, rack) => {
        const occurredAt = new Date();
        const why = reason ?? 'hold released';
        await this.transitions.move(tx, rack, 'release-hold', { actor, occurredAt, reason: `hold released: ${why}` });
        tx.publish(RackHoldReleased, {
          rackSerial: serial,
          generation: rack.generation,
          occurredAt: occurredAt.toISOString(),
          actor,
          releasedTo: rack.state,
          reason: why,
        });
      },
      { idempotent: true },
    );
  }

  async withdraw(serial: string, reason: string, actor: string): Promise<RackDetailView> {
    return this.changes.change(
      serial,
      async (tx, rack) => {
        assertWithdrawable(rack, await KnownOptionsRepository.stateOf(tx.manager, serial));
        const occurredAt = new Date();
        const withdrawnFrom = await this.transitions.move(tx, rack, 'withdraw', { actor, occurredAt, reason: `withdrawn: ${reason}` });
        tx.publish(RackWithdrawn, {
          rackSerial: serial,
          generation: rack.generation,
          occurredAt: occurredAt.toISOString(),
          actor,
          withdrawnFrom,
          reason,
        });
      },
      { idempotent: true },
    );
  }
}
