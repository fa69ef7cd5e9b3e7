import { Controller } from '@nestjs/common';
import { RunVerdictRecorded, Topics } from '@rackeval/contracts';
import { on, OnTopic } from '@rackeval/messaging';
import { FindingsOpeningService } from './findings-opening.service';

/**
 * Results' own run verdicts (verdicts/ publishes them): a FAIL opens findings. Read back from the
 * topic like any consumer's input, so the verdict code knows nothing of findings and a redelivered
 * verdict is recognised by its event id (and by each finding's source key).
 */
@Controller()
export class FindingsConsumer {
  constructor(private readonly opening: FindingsOpeningService) {}

  @OnTopic(Topics.resultsEvaluations)
  verdicts() {
    return [on(RunVerdictRecorded, (event, tx) => this.opening.openFromVerdict(event.data, tx, event.time))];
  }
}
