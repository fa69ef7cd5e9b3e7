import { Controller } from '@nestjs/common';
import {
  OptionDeclined,
  OptionExercised,
  OptionLapsed,
  OptionStateChanged,
  RackEvaluationCompleted,
  RackEvaluationReopened,
  RunStarted,
  Topics,
} from '@rackeval/contracts';
import { on, OnTopic } from '@rackeval/messaging';
import { LifecycleEventsService } from './lifecycle-events.service';

/** The later life of a rack, as the other services report it. Other event types on these topics are skipped. */
@Controller()
export class LifecycleEventsConsumer {
  constructor(private readonly lifecycle: LifecycleEventsService) {}

  @OnTopic(Topics.testRunRuns)
  runs() {
    return [on(RunStarted, (event, tx) => this.lifecycle.runStarted(event, tx))];
  }

  @OnTopic(Topics.resultsEvaluations)
  evaluations() {
    return [
      on(RackEvaluationCompleted, (event, tx) => this.lifecycle.evaluationCompleted(event, tx)),
      on(RackEvaluationReopened, (event, tx) => this.lifecycle.evaluationReopened(event, tx)),
    ];
  }

  @OnTopic(Topics.purchaseOptions)
  options() {
    return [
      on(OptionExercised, (event, tx) => this.lifecycle.optionEnded(event, tx, 'exercised')),
      on(OptionDeclined, (event, tx) => this.lifecycle.optionEnded(event, tx, 'declined')),
      on(OptionLapsed, (event, tx) => this.lifecycle.optionEnded(event, tx, 'lapsed')),
      on(OptionStateChanged, (event, tx) => this.lifecycle.optionStateChanged(event, tx)),
    ];
  }
}
