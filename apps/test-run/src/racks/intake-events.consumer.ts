import { Controller } from '@nestjs/common';
import {
  GenerationRegistered,
  RackHeld,
  RackQuarantined,
  RackReceived,
  RackRejected,
  RackReleased,
  RackReturned,
  RackReturnedFromRma,
  RackStateChanged,
  RackWithdrawn,
  Topics,
} from '@rackeval/contracts';
import { on, OnTopic } from '@rackeval/messaging';
import { RackHoldsService } from './rack-holds.service';
import { RackRegistryService } from './rack-registry.service';

/** Intake's catalogue and custody events feed the local read model of generations and racks. */
@Controller()
export class IntakeEventsConsumer {
  constructor(
    private readonly registry: RackRegistryService,
    private readonly holds: RackHoldsService,
  ) {}

  @OnTopic(Topics.intakeRacks)
  handle() {
    return [
      on(GenerationRegistered, (event, tx) => this.registry.generationRegistered(event.data, tx)),
      on(RackReceived, (event, tx) => this.registry.received(event.data, tx, event.time)),
      on(RackReleased, (event, tx) => this.registry.released(event.data, tx, event.time)),
      on(RackQuarantined, (event, tx) => this.registry.quarantined(event.data, tx, event.time)),
      on(RackRejected, (event, tx) => this.registry.rejected(event.data, tx, event.time)),
      on(RackReturned, (event, tx) => this.registry.returned(event.data, tx, event.time)),
      on(RackStateChanged, (event, tx) => this.registry.stateChanged(event.data, tx, event.time)),
      on(RackReturnedFromRma, (event, tx) => this.registry.returnedFromRma(event.data, tx, event.time)),
      on(RackHeld, (event, tx) => this.holds.held(event, tx)),
      on(RackWithdrawn, (event, tx) => this.holds.withdrawn(event, tx)),
    ];
  }
}
