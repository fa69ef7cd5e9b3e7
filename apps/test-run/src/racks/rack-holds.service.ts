import { Injectable, Logger } from '@nestjs/common';
import { CloudEvent, RackHeldV1, RackWithdrawnV1 } from '@rackeval/contracts';
import { Transaction } from '@rackeval/messaging';
import { RunLifecycleService } from '../runs/run-lifecycle.service';
import { RackRegistryService } from './rack-registry.service';

/**
 * Intake's ways out, as test-run applies them (intake: racks/holds/rack-holds.service.ts). A hold
 * stops scheduling (scheduling.rules.ts refuses ON_HOLD) and aborts the rack's active run with
 * cause HOLD, which leaves its attempt; a withdrawal aborts it too (OPERATOR: the rack left).
 */
@Injectable()
export class RackHoldsService {
  private readonly logger = new Logger(RackHoldsService.name);

  constructor(
    private readonly registry: RackRegistryService,
    private readonly runs: RunLifecycleService,
  ) {}

  async held(event: CloudEvent<RackHeldV1>, tx: Transaction): Promise<void> {
    const { data } = event;
    if (!(await this.registry.held(data, tx, event.time))) {
      this.logger.log(`hold of ${data.rackSerial} (event ${event.id}) is older than what test-run knows; no run aborted`);
      return;
    }
    await this.runs.abortActiveRunOfRack(tx, data.rackSerial, 'rule:rack-hold', {
      cause: 'HOLD',
      reason: `rack put on hold by ${data.actor}: ${data.reason}`,
    });
  }

  async withdrawn(event: CloudEvent<RackWithdrawnV1>, tx: Transaction): Promise<void> {
    const { data } = event;
    await this.runs.abortActiveRunOfRack(tx, data.rackSerial, 'rule:rack-withdrawal', {
      cause: 'OPERATOR',
      reason: `rack withdrawn by ${data.actor}: ${data.reason}`,
    });
  }
}
