import { Injectable } from '@nestjs/common';
import { RunScheduled } from '@rackeval/contracts';
import { UnitOfWork } from '@rackeval/messaging';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { BaysService } from '../bays/bays.service';
import { RackRegistryService } from '../racks/rack-registry.service';
import { TestPlansService } from '../test-plans/test-plans.service';
import { TestRunError, TestRunErrorCode } from '../test-run.errors';
import { ScheduleRunDto } from './dto/run.dto';
import { RunEntity } from './run.entity';
import { RunTransitions } from './run-transitions';
import { runFact, RunView, toRunView } from './run.view';
import { RunsRepository } from './runs.repository';
import { AttemptAllowanceRepository } from '../reopened/attempt-allowance.repository';
import { attemptLimitIn, attemptsUsed } from './attempt.rules';
import { decideSchedule, SchedulingFacts } from './scheduling.rules';
import { assertSiteAllowed, type RunActor } from './site-limit.rules';

@Injectable()
export class ScheduleRunService {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly runs: RunsRepository,
    private readonly racks: RackRegistryService,
    private readonly bays: BaysService,
    private readonly plans: TestPlansService,
  ) {}

  /**
   * Reads the facts, applies the rules, inserts the run. Two requests racing past the checks meet
   * at the partial unique indexes on active runs, and the loser gets the broken rule's 409.
   */
  /** `actor` is a name (audit only) or the caller, whose site limit then applies to the bay (rule SITE_NOT_ALLOWED). */
  schedule(dto: ScheduleRunDto, caller: string | RunActor): Promise<RunView> {
    const by: RunActor = typeof caller === 'string' ? { username: caller } : caller;
    const actor = by.username;
    return this.unitOfWork.runOnce(async (tx) => {
      const { manager } = tx;
      const facts = await this.facts(manager, dto);
      // Before the other rules: an account from another site learns nothing about this bay or rack.
      if (facts.bay) assertSiteAllowed(by, facts.bay.site, `bay ${facts.bay.code}`);
      const decision = decideSchedule(facts);
      const scheduledAt = new Date();
      const run = manager.create(RunEntity, {
        id: randomUUID(),
        rackSerial: dto.rackSerial,
        generation: decision.generation,
        suite: decision.suite.key,
        suiteName: decision.suite.name,
        incarnation: decision.incarnation,
        attempt: decision.attempt,
        maxAttempts: decision.suite.maxAttempts,
        required: decision.suite.required,
        planVersion: decision.planVersion,
        metrics: [...decision.suite.metrics],
        bay: dto.bay,
        site: decision.site,
        state: 'SCHEDULED',
        version: 1,
        scheduledAt,
        scheduledBy: actor,
        startedAt: null,
        startedBy: null,
        completedAt: null,
        completedBy: null,
        abortedAt: null,
        abortedBy: null,
        abortReason: null,
        abortCause: null,
      });
      if (!(await this.runs.insertUnlessTaken(manager, run))) {
        // A concurrent request took the rack, the bay or the attempt: its committed run names the rule.
        decideSchedule(await this.facts(manager, dto));
        throw new TestRunError(
          TestRunErrorCode.CONCURRENT_UPDATE,
          `attempt ${run.attempt} of suite ${run.suite} for rack ${run.rackSerial} (incarnation ${run.incarnation}) was scheduled by a concurrent request; retry`,
        );
      }
      await RunTransitions.scheduled(manager, run, actor, scheduledAt);
      tx.publish(RunScheduled, runFact(run, scheduledAt, actor));
      return toRunView(run);
    });
  }

  /** Attempts and a re-open's allowance are those of the rack's current incarnation (attempt.rules.ts). */
  private async facts(manager: EntityManager, request: ScheduleRunDto): Promise<SchedulingFacts> {
    const rack = await this.racks.findRack(manager, request.rackSerial);
    const incarnation = rack?.incarnation ?? 1;
    const runs = await this.runs.schedulingRuns(manager, request.rackSerial, request.bay, request.suite);
    return {
      request,
      rack: rack && { generation: rack.generation, state: rack.state, holdReason: rack.holdReason, incarnation },
      rackActiveRun: runs.ofRack,
      bay: await this.bays.findBay(request.bay, manager),
      bayActiveRun: runs.ofBay,
      plan: rack ? await this.plans.find(manager, rack.generation) : null,
      attemptsSoFar: attemptsUsed(runs.ofSuite, incarnation),
      attemptLimit: attemptLimitIn(await AttemptAllowanceRepository.allowancesOf(manager, request.rackSerial, request.suite), incarnation),
    };
  }
}
