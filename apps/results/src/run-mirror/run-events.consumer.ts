import { Controller } from '@nestjs/common';
import { RunAborted, RunCompleted, RunScheduled, RunStarted, TestPlanPublished, Topics } from '@rackeval/contracts';
import { on, OnTopic } from '@rackeval/messaging';
import { RunMirrorService } from './run-mirror.service';

@Controller()
export class RunEventsConsumer {
  constructor(private readonly runs: RunMirrorService) {}

  @OnTopic(Topics.testRunRuns)
  handle() {
    return [
      on(TestPlanPublished, (event, tx) => this.runs.planPublished(event, tx)),
      on(RunScheduled, (event, tx) => this.runs.scheduled(event, tx)),
      on(RunStarted, (event, tx) => this.runs.started(event, tx)),
      on(RunCompleted, (event, tx) => this.runs.completed(event, tx)),
      on(RunAborted, (event, tx) => this.runs.aborted(event, tx)),
    ];
  }
}
