import { Controller } from '@nestjs/common';
import { Ctx, KafkaContext } from '@nestjs/microservices';
import { GenerationRegistered, OptionStateChanged, RackCorrected, RackReceived, RackReturned, RackStateChanged, Topics } from '@rackeval/contracts';
import { EventInbox, on, OnTopic } from '@rackeval/messaging';
import { FindingRacksService } from '../findings/finding-racks.service';
import { StandingService } from './standing.service';

/** Intake's generations and rack states, purchase-option's option states: what results' rules need to know of a rack's fate. */
@Controller()
export class StandingConsumer {
  constructor(
    private readonly inbox: EventInbox,
    private readonly standing: StandingService,
    private readonly findingRacks: FindingRacksService,
  ) {}

  @OnTopic(Topics.intakeRacks)
  racks(@Ctx() context: KafkaContext) {
    return this.inbox.consume(context, [
      on(GenerationRegistered, (event, tx) => this.standing.generationRegistered(event.data, tx)),
      on(RackStateChanged, (event, tx) => this.standing.rackStateChanged(event.data, tx)),
      on(RackReturned, (event, tx) => this.standing.rackMoved(event.data, 'RETURNED', tx)),
      // Lot and BOM lines for findings (apps/results/src/findings).
      on(RackReceived, (event, tx) => this.findingRacks.received(event.data, tx)),
      on(RackCorrected, (event, tx) => this.findingRacks.corrected(event.data, tx)),
    ]);
  }

  @OnTopic(Topics.purchaseOptions)
  options(@Ctx() context: KafkaContext) {
    return this.inbox.consume(context, [on(OptionStateChanged, (event, tx) => this.standing.optionStateChanged(event.data, tx))]);
  }
}
