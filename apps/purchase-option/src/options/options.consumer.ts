import { Controller } from '@nestjs/common';
import {
  GenerationRegistered,
  RackCorrected,
  RackEvaluationCompleted,
  RackEvaluationReopened,
  RackReceived,
  RackRejected,
  RackReturned,
  RackReturnedFromRma,
  RackShippedForRma,
  RackWithdrawn,
  Topics,
} from '@rackeval/contracts';
import { on, OnTopic } from '@rackeval/messaging';
import { GenerationRegistryService } from '../generations/generation-registry.service';
import { RackRmasService } from '../rmas/rack-rmas.service';
import { EvaluationReopenService } from './evaluation-reopen.service';
import { OptionEndingService } from './option-ending.service';
import { OptionIncarnationService } from './option-incarnation.service';
import { OptionLifecycleService } from './option-lifecycle.service';
import { RackRecordCorrectionService } from './rack-record-correction.service';

/**
 * Intake's receipts open options; results' verdicts (or intake's rejection) make them exercisable or not.
 * Intake's RMAs: a rack shipped is shown on its option; a rack back from one reopens its ended option.
 */
@Controller()
export class OptionsConsumer {
  constructor(
    private readonly lifecycle: OptionLifecycleService,
    private readonly ending: OptionEndingService,
    private readonly reopening: EvaluationReopenService,
    private readonly generations: GenerationRegistryService,
    private readonly corrections: RackRecordCorrectionService,
    private readonly rmas: RackRmasService,
    private readonly incarnations: OptionIncarnationService,
  ) {}

  @OnTopic(Topics.intakeRacks)
  racks() {
    return [
      on(GenerationRegistered, (event, tx) => this.generations.registered(event.data, tx)),
      on(RackReceived, (event, tx) => this.lifecycle.open(event.data, tx)),
      on(RackRejected, (event, tx) => this.lifecycle.rejectAtIntake(event.data, tx)),
      on(RackCorrected, (event, tx) => this.corrections.corrected(event.data, tx)),
      on(RackWithdrawn, (event, tx) => this.ending.endByIntake(event.data, 'withdrawn', tx)),
      on(RackReturned, (event, tx) => this.ending.endByIntake(event.data, 'returned', tx)),
      on(RackShippedForRma, (event, tx) => this.rmas.shipped(event.data, tx)),
      on(RackReturnedFromRma, (event, tx) => this.incarnations.returnedFromRma(event.data, tx)),
    ];
  }

  @OnTopic(Topics.resultsEvaluations)
  evaluations() {
    return [
      on(RackEvaluationCompleted, (event, tx) => this.lifecycle.recordEvaluation(event.data, event.id, tx)),
      on(RackEvaluationReopened, (event, tx) => this.reopening.reopened(event.data, tx)),
    ];
  }
}
