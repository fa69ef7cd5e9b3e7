import { Controller } from '@nestjs/common';
import { RackEvaluationReopened, Topics } from '@rackeval/contracts';
import { on, OnTopic } from '@rackeval/messaging';
import { AttemptAllowanceRepository } from './attempt-allowance.repository';

/**
 * results re-opened a rack's evaluation: its re-opened suites may be scheduled up to the new
 * attempt limit within the incarnation re-opened (results decides the suites and the limit; the
 * rack becomes schedulable again when intake's RackStateChanged puts it back IN_EVALUATION).
 */
@Controller()
export class ReopenedEvaluationsConsumer {
  @OnTopic(Topics.resultsEvaluations)
  handle() {
    return [on(RackEvaluationReopened, (event, tx) => AttemptAllowanceRepository.record(tx.manager, event.data))];
  }
}
