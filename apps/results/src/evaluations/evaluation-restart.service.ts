import { Injectable } from '@nestjs/common';
import type { RackReturnedFromRmaV1 } from '@rackeval/contracts';
import type { Transaction } from '@rackeval/messaging';
import { EvaluationRepository } from './evaluation.repository';
import { EvaluationHistoryRepository } from './evaluation-history.repository';
import { restartOf } from './evaluation-restart.rules';
import { EvaluationsService } from './evaluations.service';

/**
 * Intake's RackReturnedFromRma: the rack came back from its RMA as its next incarnation and is
 * evaluated afresh. The current evaluation, whatever it had come to, stays as history; the new
 * incarnation's evaluation starts with no verdict. Runs of the new incarnation that test-run
 * reported before this return (the topics are not ordered between them) count from now on, so the
 * evaluation is assessed at once. A return for the incarnation already evaluated, or an earlier
 * one, changes nothing. No event: intake, test-run and purchase-option act on the return themselves.
 */
@Injectable()
export class EvaluationRestartService {
  constructor(private readonly evaluations: EvaluationsService) {}

  async returnedFromRma(data: RackReturnedFromRmaV1, tx: Transaction): Promise<void> {
    const head = await EvaluationRepository.head(tx.manager, data.rackSerial, true);
    const restart = restartOf(head, data);
    if (!restart) return;
    await EvaluationHistoryRepository.restart(tx.manager, data.rackSerial, restart);
    await EvaluationRepository.restart(tx.manager, data.rackSerial, data.generation, restart.incarnation);
    await this.evaluations.assess(data.rackSerial, tx);
  }
}
