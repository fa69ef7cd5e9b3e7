import { Controller } from '@nestjs/common';
import { Ctx, KafkaContext } from '@nestjs/microservices';
import { GenerationRegistered, OptionStateChanged, RackReturned, RackStateChanged, Topics } from '@rackeval/contracts';
import { EventInbox, on, OnTopic } from '@rackeval/messaging';
import { StandingService } from './standing.service';

/** Intake's generations and rack states, purchase-option's option states: what results' rules need to know of a rack's fate. */
@Controller()
export class StandingConsumer {
  constructor(
    private readonly inbox: EventInbox,
    private readonly standing: StandingService,
  ) {}

  @OnTopic(Topics.intakeRacks)
  racks(@Ctx() context: KafkaContext) {
    return this.inbox.consume(context, [
      on(GenerationRegistered, (event, tx) => this.standing.generationRegistered(event.data, tx)),
      on(RackStateChanged, (event, tx) => this.standing.rackStateChanged(event.data, tx)),
      on(RackReturned, (event, tx) => this.standing.rackMoved(event.data, 'RETURNED', tx)),
    ]);
  }

  @OnTopic(Topics.purchaseOptions)
  options(@Ctx() context: KafkaContext) {
    return this.inbox.consume(context, [on(OptionStateChanged, (event, tx) => this.standing.optionStateChanged(event.data, tx))]);
  }
}
