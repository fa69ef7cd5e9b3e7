import { Injectable } from '@nestjs/common';
import type { CloudEvent, RunAbortedV1, RunFactV1, TestPlanPublishedV1 } from '@rackeval/contracts';
import { Transaction } from '@rackeval/messaging';
import { CriteriaRepository } from '../criteria/criteria.repository';
import { EvaluationsService } from '../evaluations/evaluations.service';
import { VerdictsService } from '../verdicts/verdicts.service';
import { RunChange, RunRecord, RunRepository } from './run.repository';
import { RunMirrorTransitions } from './run-mirror-transitions';
import type { RunFact } from './run-mirror.state-machine';

/** Mirrors test-run's plans and runs, judges runs when they complete and re-assesses the rack. */
@Injectable()
export class RunMirrorService {
  constructor(
    private readonly verdicts: VerdictsService,
    private readonly evaluations: EvaluationsService,
  ) {}

  async planPublished(event: CloudEvent<TestPlanPublishedV1>, tx: Transaction): Promise<void> {
    const { generation, version, suites, publishedAt } = event.data;
    await RunRepository.savePlan(tx.manager, generation, version, suites, publishedAt);
    await this.evaluations.assessGeneration(generation, version, tx);
  }

  async scheduled(event: CloudEvent<RunFactV1>, tx: Transaction): Promise<void> {
    await this.apply(event, 'scheduled', tx);
  }

  /** Records the criteria version in force when the run started: the one it will be judged by. */
  async started(event: CloudEvent<RunFactV1>, tx: Transaction): Promise<void> {
    const criteriaVersion = (await CriteriaRepository.versionAt(tx.manager, event.data.generation, event.data.occurredAt)) ?? null;
    await this.apply(event, 'started', tx, { criteriaVersion, startedAt: event.data.occurredAt });
  }

  async completed(event: CloudEvent<RunFactV1>, tx: Transaction): Promise<void> {
    const run = await this.apply(event, 'completed', tx, { endedAt: event.data.occurredAt });
    const judged = await this.verdicts.judge(run, tx);
    await this.evaluations.assess(run.rackSerial, tx, undefined, { judged });
  }

  async aborted(event: CloudEvent<RunAbortedV1>, tx: Transaction): Promise<void> {
    // test-run decides whether the abort used an attempt (only DEVICE does); events from before causes did.
    const { reason, cause, attemptConsumed } = event.data;
    const run = await this.apply(event, 'aborted', tx, {
      endedAt: event.data.occurredAt,
      abortReason: reason,
      abortCause: cause ?? 'DEVICE',
      attemptConsumed: attemptConsumed ?? true,
    });
    await this.evaluations.assess(run.rackSerial, tx);
  }

  private apply(event: CloudEvent<RunFactV1>, fact: RunFact, tx: Transaction, change: Omit<RunChange, 'state'> = {}): Promise<RunRecord> {
    return RunMirrorTransitions.apply(tx, event, fact, change);
  }
}
