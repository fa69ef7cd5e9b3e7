import { Controller } from '@nestjs/common';
import { Ctx, KafkaContext } from '@nestjs/microservices';
import { RackEvaluationReopened, Topics } from '@rackeval/contracts';
import { EventInbox, on, OnTopic } from '@rackeval/messaging';
import { AttemptAllowanceRepository } from './attempt-allowance.repository';

/**
 * results re-opened a rack's evaluation: its re-opened suites may be scheduled up to the new
 * attempt limit (results decides the suites and the limit; the rack becomes schedulable again
 * when intake's RackStateChanged puts it back IN_EVALUATION).
 */
@Controller()
export class ReopenedEvaluationsConsumer {
  constructor(private readonly inbox: EventInbox) {}

  @OnTopic(Topics.resultsEvaluations)
  handle(@Ctx() context: KafkaContext) {
    return this.inbox.consume(context, [
      on(RackEvaluationReopened, (event, tx) => AttemptAllowanceRepository.record(tx.manager, event.data)),
    ]);
  }
}
