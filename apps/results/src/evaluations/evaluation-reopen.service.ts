import { Injectable } from '@nestjs/common';
import { UnitOfWork } from '@rackeval/messaging';
import { ResultsError, ResultsErrorCode } from '../results.errors';
import { RunRepository } from '../run-mirror/run.repository';
import { StandingService } from '../standing/standing.service';
import { ReopenEvaluationDto } from './dto/reopen.dto';
import { EvaluationRepository } from './evaluation.repository';
import { reopenedSuites } from './evaluation-reopen.rules';
import { EvaluationsService, RackEvaluationView } from './evaluations.service';

/**
 * An admin re-opens a concluded evaluation (PASSED or FAILED) while the rack's option has not
 * ended: the verdict stays as a revision, the named suites get extra attempts, and
 * RackEvaluationReopened sends the rack back to evaluation (intake), allows the attempts
 * (test-run) and returns the option to PENDING_EVALUATION (purchase-option).
 */
@Injectable()
export class EvaluationReopenService {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly evaluations: EvaluationsService,
    private readonly standing: StandingService,
  ) {}

  reopen(rackSerial: string, body: ReopenEvaluationDto, actor: string): Promise<RackEvaluationView> {
    return this.unitOfWork.runOnce(async (tx) => {
      const head = await EvaluationRepository.head(tx.manager, rackSerial, true);
      const record = head?.concluded;
      const incarnation = head?.incarnation ?? 1;
      // An ended option is the first answer: nothing about this evaluation can change any more.
      const closed = await this.standing.closedBecause(tx.manager, rackSerial);
      if (closed) {
        throw new ResultsError(
          ResultsErrorCode.EVALUATION_CLOSED,
          `rack ${rackSerial}'s evaluation cannot be re-opened: ${closed}; an evaluation is re-opened only while its option has not ended`,
          [{ field: 'serial', message: closed }],
        );
      }
      if (!record) {
        const runs = await EvaluationRepository.runOutcomes(tx.manager, rackSerial, incarnation);
        if (!runs.length) throw new ResultsError(ResultsErrorCode.NO_EVALUATION, `rack ${rackSerial} has no runs under a known test plan`);
        throw new ResultsError(
          ResultsErrorCode.EVALUATION_NOT_CONCLUDED,
          `rack ${rackSerial}'s evaluation has not concluded yet; only a PASSED or FAILED evaluation can be re-opened`,
          [{ field: 'serial', message: 'evaluation is PENDING' }],
        );
      }
      if (record.status === 'REOPENED') {
        throw new ResultsError(
          ResultsErrorCode.EVALUATION_NOT_CONCLUDED,
          `rack ${rackSerial}'s evaluation (verdict revision ${record.revision}) is already re-opened and awaits its next verdict`,
          [{ field: 'serial', message: 'evaluation is REOPENED' }],
        );
      }
      const runs = await EvaluationRepository.runOutcomes(tx.manager, rackSerial, incarnation);
      const planVersion = Math.max(...runs.map((run) => run.planVersion));
      const plan = (await RunRepository.plan(tx.manager, record.generation, planVersion)) ?? [];
      const suites = reopenedSuites(plan, runs, record, body);
      await this.evaluations.reopen(tx, record, {
        cause: 'ADMIN',
        reason: body.reason,
        actor,
        extraAttempts: body.extraAttempts,
        suites,
      });
      return this.evaluations.get(rackSerial, tx.manager);
    });
  }
}
