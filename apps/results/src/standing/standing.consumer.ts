import { Controller } from '@nestjs/common';
import {
  GenerationRegistered,
  OptionStateChanged,
  RackCorrected,
  RackInspected,
  RackReceived,
  RackReturned,
  RackReturnedFromRma,
  RackStateChanged,
  RmaShipped,
  Topics,
} from '@rackeval/contracts';
import { on, OnTopic } from '@rackeval/messaging';
import { EvaluationRestartService } from '../evaluations/evaluation-restart.service';
import { FindingRacksService } from '../findings/finding-racks.service';
import { FindingsOpeningService } from '../findings/findings-opening.service';
import { FindingRmasService } from '../findings/finding-rmas.service';
import { RackOriginService } from '../programme/rack-origin.service';
import { StandingService } from './standing.service';

/** Intake's generations, rack states and rack origins (lot, suppliers, BOM), purchase-option's option states: what results' rules and figures need to know of a rack. */
@Controller()
export class StandingConsumer {
  constructor(
    private readonly standing: StandingService,
    private readonly findingRacks: FindingRacksService,
    private readonly origins: RackOriginService,
    private readonly restarts: EvaluationRestartService,
    private readonly findingRmas: FindingRmasService,
    private readonly findingsOpening: FindingsOpeningService,
  ) {}

  @OnTopic(Topics.intakeRacks)
  racks() {
    return [
      on(GenerationRegistered, (event, tx) => this.standing.generationRegistered(event.data, tx)),
      on(RackStateChanged, (event, tx) => this.standing.rackStateChanged(event.data, tx)),
      on(RackReturned, (event, tx) => this.standing.rackMoved(event.data, 'RETURNED', tx)),
      // Lot and BOM lines for findings (apps/results/src/findings); lot and suppliers for the
      // programme's failures by origin (programme/rack-origin.service.ts). One handler per event
      // type: the inbox applies only the first that matches.
      on(RackReceived, async (event, tx) => {
        await this.findingRacks.received(event.data, tx);
        await this.origins.received(event.data, tx);
      }),
      // The rack came back from an RMA as its next incarnation: its record as it came back (a repair
      // may have changed the BOM), a fresh evaluation (evaluations/evaluation-restart.service.ts)
      // and the fix proposed for its findings reported on the RMA (findings/finding-rmas.service.ts).
      on(RackReturnedFromRma, async (event, tx) => {
        await this.findingRacks.returned(event.data, tx);
        await this.restarts.returnedFromRma(event.data, tx);
        await this.findingRmas.returned(event.data, tx);
      }),
      // An RMA left for the manufacturer: the findings it lists follow it.
      on(RmaShipped, (event, tx) => this.findingRmas.shipped(event.data, tx)),
      // An inspection that quarantined or rejected the rack opens a finding per failed check.
      on(RackInspected, (event, tx) => this.findingsOpening.openFromInspection(event.data, tx)),
      on(RackCorrected, async (event, tx) => {
        await this.findingRacks.corrected(event.data, tx);
        await this.origins.corrected(event.data, tx);
      }),
    ];
  }

  @OnTopic(Topics.purchaseOptions)
  options() {
    return [on(OptionStateChanged, (event, tx) => this.standing.optionStateChanged(event.data, tx))];
  }
}
