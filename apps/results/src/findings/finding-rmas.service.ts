import { Injectable } from '@nestjs/common';
import type { RackReturnedFromRmaV1, RmaShippedV1 } from '@rackeval/contracts';
import type { Transaction } from '@rackeval/messaging';
import { FindingRepository } from './finding.repository';
import { fixOfReturn, rmaShipmentStep } from './finding-rma.rules';
import { FindingRmaRepository, type RmaReturnRecord } from './finding-rma.repository';
import { FindingTransitions } from './finding-transitions';

/**
 * Findings follow the RMA that reports them (intake's RMA events, read by StandingConsumer):
 * shipped, each finding it lists is linked to it and a triaged one is reported to the manufacturer;
 * the unit back under it proposes the fix of the rack's findings still reported on it. Ids results
 * does not know are skipped. Each step is taken once: a shipment or return read again finds the
 * findings already linked or moved. A shipment read after its unit's return (they are keyed
 * differently, so in no order between them) proposes the fix as the return would have.
 */
@Injectable()
export class FindingRmasService {
  constructor(private readonly transitions: FindingTransitions) {}

  async shipped(data: RmaShippedV1, tx: Transaction): Promise<void> {
    const rma = { rmaId: data.rmaId, rmaNumber: data.rmaNumber };
    for (const id of new Set(data.findingIds)) {
      const finding = await FindingRepository.find(tx.manager, id, 'update');
      if (!finding) continue;
      const step = rmaShipmentStep(finding, rma);
      if (step.kind === 'report') {
        await this.transitions.transition(tx, finding, 'report', { note: step.note }, data.actor, { rma, at: data.occurredAt });
      } else if (step.kind === 'link') {
        await this.transitions.linkToRma(tx, finding, rma, data.actor, step.note, data.occurredAt);
      }
      const returned = await FindingRmaRepository.returnOf(tx.manager, rma.rmaId, finding.rackSerial);
      if (returned) await this.proposeFixes(tx, returned);
    }
  }

  async returned(data: RackReturnedFromRmaV1, tx: Transaction): Promise<void> {
    const returned: RmaReturnRecord = {
      rmaId: data.rmaId,
      rackSerial: data.rackSerial,
      rmaNumber: data.rmaNumber,
      incarnation: data.incarnation,
      kind: data.kind,
      actor: data.actor,
      returnedAt: data.receivedAt,
    };
    await FindingRmaRepository.recordReturn(tx.manager, returned);
    await this.proposeFixes(tx, returned);
  }

  private async proposeFixes(tx: Transaction, returned: RmaReturnRecord): Promise<void> {
    const note = fixOfReturn(returned);
    for (const finding of await FindingRepository.ofRma(tx.manager, returned.rmaId, returned.rackSerial, 'REPORTED_TO_MANUFACTURER')) {
      await this.transitions.transition(tx, finding, 'propose-fix', { note }, returned.actor, { at: returned.returnedAt });
    }
  }
}
