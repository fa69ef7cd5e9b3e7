import { Injectable } from '@nestjs/common';
import { RackEvaluationCompleted, RackEvaluationReopened } from '@rackeval/contracts';
import { Transaction } from '@rackeval/messaging';
import { DataSource, EntityManager } from 'typeorm';
import { ResultsError, ResultsErrorCode } from '../results.errors';
import { RunRepository } from '../run-mirror/run.repository';
import { EvaluationSummary, summarise } from './evaluation-summary.rules';
import { ConcludedEvaluation, EvaluationRepository } from './evaluation.repository';
import { EvaluationHistoryRepository, EvaluationVerdictRecord, ReopeningRecord } from './evaluation-history.repository';
import { assessRack, RackAssessment } from './rack-evaluation.rules';
import type { DiagnosisJudgement } from '../verdicts/diagnosis-verdict.rules';

/** A diagnosis criterion as the deciding run of a suite met it (or not), with the diagnosis that decided it. */
export type SuiteDiagnosisJudgement = DiagnosisJudgement & { runId: string; suite: string };

export interface RackEvaluationView extends EvaluationSummary {
  rackSerial: string;
  generation: string;
  outcome: RackAssessment['outcome'];
  concludedAt?: string;
  failedSuites: string[];
  suites: RackAssessment['suites'];
  /** PENDING until the first verdict; REOPENED between a re-open and the next verdict. */
  status: 'PENDING' | 'CONCLUDED' | 'REOPENED';
  /** The latest verdict's revision (absent before the first). */
  revision?: number;
  /** Every verdict, newest first: a re-open or a correction keeps the earlier ones. */
  verdicts: EvaluationVerdictRecord[];
  reopenings: ReopeningRecord[];
  /** The deciding runs' diagnosis criteria. */
  diagnosisCriteria: SuiteDiagnosisJudgement[];
}

@Injectable()
export class EvaluationsService {
  constructor(private readonly dataSource: DataSource) {}

  /** Concludes the rack's evaluation when the rules decide it; once per revision (first, or after a re-open), guarded by its row. */
  async assess(rackSerial: string, tx: Transaction, now = new Date()): Promise<void> {
    const record = await EvaluationRepository.concluded(tx.manager, rackSerial, true);
    if (record && record.status !== 'REOPENED') return;
    const view = await this.current(tx.manager, rackSerial);
    if (!view || view.outcome === 'PENDING') return;
    const concludedAt = now.toISOString();
    const { criteriaMet, criteriaTotal, performance, power, performancePerWatt, performanceRunPower } = view;
    const summary = { criteriaMet, criteriaTotal, performance, power, performancePerWatt, performanceRunPower };
    const evaluation = {
      rackSerial,
      generation: view.generation,
      outcome: view.outcome,
      concludedAt,
      failedSuites: view.failedSuites,
      summary,
    };
    const revision = await EvaluationRepository.conclude(tx.manager, evaluation);
    if (revision === undefined) return;
    // intake moves the rack to EVALUATION_PASSED or _FAILED on it (intake: racks/lifecycle/lifecycle.rules.ts);
    // purchase-option makes the option exercisable or not (purchase-option: options/option-lifecycle.service.ts).
    tx.publish(RackEvaluationCompleted, {
      rackSerial,
      generation: view.generation,
      outcome: view.outcome,
      ...summary,
      failedSuites: view.failedSuites,
      occurredAt: concludedAt,
      revision,
    });
  }

  /**
   * After a run of the rack was judged again (a correction or late samples): a pending or re-opened
   * evaluation may conclude; a concluded one whose outcome the new verdict changes is re-opened
   * (cause CORRECTION, no extra attempts) and concluded again when the runs decide it. The earlier
   * verdict stays as a revision. A concluded outcome the correction does not change stays as it is.
   */
  async reassess(rackSerial: string, tx: Transaction, why: { actor: string; reason: string }): Promise<void> {
    const record = await EvaluationRepository.concluded(tx.manager, rackSerial, true);
    if (!record || record.status === 'REOPENED') return this.assess(rackSerial, tx);
    const view = await this.current(tx.manager, rackSerial);
    if (!view || view.outcome === record.outcome) return;
    await this.reopen(tx, record, { cause: 'CORRECTION', extraAttempts: 0, suites: [], ...why, reason: `correction: ${why.reason}` });
    await this.assess(rackSerial, tx);
  }

  /** Re-opens the concluded revision in `record` (locked by the caller) and tells intake, test-run and purchase-option. */
  async reopen(
    tx: Transaction,
    record: ConcludedEvaluation,
    how: Omit<ReopeningRecord, 'revision' | 'reopenedAt'>,
    now = new Date(),
  ): Promise<void> {
    const reopening: ReopeningRecord = { ...how, revision: record.revision ?? 1, reopenedAt: now.toISOString() };
    if (!(await EvaluationHistoryRepository.reopen(tx.manager, record.rackSerial, reopening))) {
      throw new ResultsError(
        ResultsErrorCode.EVALUATION_NOT_CONCLUDED,
        `rack ${record.rackSerial}'s evaluation changed while it was being re-opened; read it again`,
      );
    }
    tx.publish(RackEvaluationReopened, {
      rackSerial: record.rackSerial,
      generation: record.generation,
      revision: reopening.revision,
      previousOutcome: record.outcome,
      cause: reopening.cause,
      reason: reopening.reason,
      extraAttempts: reopening.extraAttempts,
      suites: reopening.suites,
      actor: reopening.actor,
      occurredAt: reopening.reopenedAt,
    });
  }

  /** A plan arriving after a rack's runs may decide its evaluation. */
  async assessGeneration(generation: string, planVersion: number, tx: Transaction): Promise<void> {
    for (const rack of await RunRepository.racksAwaitingPlan(tx.manager, generation, planVersion)) await this.assess(rack, tx);
  }

  async get(rackSerial: string, manager: EntityManager = this.dataSource.manager): Promise<RackEvaluationView> {
    const view = await this.current(manager, rackSerial);
    const concluded = await EvaluationRepository.concluded(manager, rackSerial);
    if (!view) throw new ResultsError(ResultsErrorCode.NO_EVALUATION, `rack ${rackSerial} has no runs under a known test plan`);
    if (!concluded) return view;
    const history = { revision: concluded.revision, ...(await this.history(manager, rackSerial)) };
    // A re-opened evaluation shows the runs as they stand; its last verdict is in `verdicts`.
    if (concluded.status === 'REOPENED') return { ...view, ...history, status: 'REOPENED' };
    return {
      ...view,
      ...concluded.summary,
      ...history,
      status: 'CONCLUDED',
      outcome: concluded.outcome,
      concludedAt: concluded.concludedAt,
      failedSuites: concluded.failedSuites,
    };
  }

  private async history(manager: EntityManager, rackSerial: string) {
    return {
      verdicts: await EvaluationHistoryRepository.verdicts(manager, rackSerial),
      reopenings: await EvaluationHistoryRepository.reopenings(manager, rackSerial),
    };
  }

  /** The evaluation as the runs stand now, under the newest plan version the rack's runs were scheduled with. */
  private async current(manager: EntityManager, rackSerial: string): Promise<RackEvaluationView | undefined> {
    const runs = await EvaluationRepository.runOutcomes(manager, rackSerial);
    if (!runs.length) return undefined;
    const generation = runs[0].generation;
    const planVersion = Math.max(...runs.map((r) => r.planVersion));
    const plan = await RunRepository.plan(manager, generation, planVersion);
    if (!plan) return undefined;
    const assessment = assessRack(plan, runs, await EvaluationHistoryRepository.allowances(manager, rackSerial));
    const deciding = assessment.suites.map((s) => s.decidingRunId).filter((id): id is string => id !== undefined);
    const suiteOf = new Map(assessment.suites.map((s) => [s.decidingRunId, s.suite]));
    const judgements = await EvaluationRepository.judgements(manager, deciding);
    const summary = summarise(judgements.map((j) => ({ ...j, suite: suiteOf.get(j.runId) })));
    const diagnosisCriteria = (await EvaluationRepository.diagnosisJudgements(manager, deciding)).map((j) => ({
      ...j,
      suite: suiteOf.get(j.runId)!,
    }));
    return { rackSerial, generation, ...assessment, ...summary, status: 'PENDING', verdicts: [], reopenings: [], diagnosisCriteria };
  }
}
