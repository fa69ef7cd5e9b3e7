import { Injectable } from '@nestjs/common';
import { RackShippedForRmaV1 } from '@rackeval/contracts';
import { Transaction } from '@rackeval/messaging';
import { RackRmaRepository } from './rack-rma.repository';

/**
 * Intake shipped a rack to its manufacturer under an RMA (intake: rmas/): finance sees it on the
 * option, and the rack is listed as at the manufacturer until it comes back (OptionIncarnationService).
 * The option itself does not move: it ended before its rack could go on an RMA.
 */
@Injectable()
export class RackRmasService {
  shipped(fact: RackShippedForRmaV1, tx: Transaction): Promise<void> {
    return RackRmaRepository.shipped(tx.manager, {
      rackSerial: fact.rackSerial,
      rmaId: fact.rmaId,
      rmaNumber: fact.rmaNumber,
      shippedAt: new Date(fact.shippedAt),
    });
  }
}
