import { Injectable } from '@nestjs/common';
import { readInSnapshot } from '@rackeval/platform';
import { RackEvaluationCompleted, RackEvaluationReopened, type TestSuiteV1 } from '@rackeval/contracts';
import { Transaction } from '@rackeval/messaging';
import { DataSource, EntityManager } from 'typeorm';
import { ResultsError, ResultsErrorCode } from '../results.errors';
import { RunRepository } from '../run-mirror/run.repository';
import { EvaluationSummary, summarise } from './evaluation-summary.rules';
import { ConcludedEvaluation, EvaluationRepository, RunOutcomeRow } from './evaluation.repository';
import { EvaluationHistoryRepository, EvaluationVerdictRecord, ReopeningRecord, RestartRecord } from './evaluation-history.repository';
import { assessRack, RackAssessment } from './rack-evaluation.rules';
import type { DiagnosisJudgement } from '../verdicts/diagnosis-verdict.rules';
import type { CriterionJudgement } from '../verdicts/run-verdict.rules';
import type { JudgedRun } from '../verdicts/verdicts.service';

/** A diagnosis criterion as the deciding run of a suite met it (or not), with the diagnosis that decided it. */
export type SuiteDiagnosisJudgement = DiagnosisJudgement & { runId: string; suite: string };

export interface RackEvaluationView extends EvaluationSummary {
  rackSerial: string;
  generation: string;
  /** The rack's incarnation evaluated: 1 as first delivered, one more for each return from an RMA. */
  incarnation: number;
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
  /** Every return from an RMA that started the evaluation again, newest first, with what the earlier incarnation came to. */
  restarts: RestartRecord[];
  /** The deciding runs' diagnosis criteria. */
  diagnosisCriteria: SuiteDiagnosisJudgement[];
}

/** What the caller of `assess` already knows, so it is not read again (or not kept when uncommitted). */
export interface AssessContext {
  judged?: JudgedRun;
  planWritten?: boolean;
}

@Injectable()
export class EvaluationsService {
  /** Published test plans by generation and version (see `plan`); one map per service instance. */
  private readonly plans = new Map<string, readonly TestSuiteV1[]>();

  constructor(private readonly dataSource: DataSource) {}

  /**
   * Concludes the rack's evaluation when the rules decide it; once per revision (first, or after a
   * re-open), guarded by its row. Only the runs of the incarnation the evaluation is at count: a
   * later incarnation's runs wait for the return that starts it (EvaluationRestartService).
   * `judged`: the run whose verdict this transaction just recorded; `planWritten`: this transaction stored a plan.
   */
  async assess(rackSerial: string, tx: Transaction, now = new Date(), { judged, planWritten = false }: AssessContext = {}): Promise<void> {
    // The row, the incarnation's runs and their criteria results in one read, under the rack's lock.
    const { head, runs, judgements } = await EvaluationRepository.lockedStanding(tx.manager, rackSerial);
    const record = head?.concluded;
    if (record && record.status !== 'REOPENED') return;
    const incarnation = head?.incarnation ?? 1;
    // A rack without an evaluation row was never re-opened (a re-open needs the concluded row, which is never deleted).
    const standing = await this.standing(tx.manager, rackSerial, incarnation, {
      keepPlan: !planWritten,
      reopened: head !== undefined,
      runs,
    });
    if (!standing) return;
    const { assessment, generation } = standing;
    if (assessment.outcome === 'PENDING') return;
    // The run the caller just judged is taken as judged; the other deciding runs' results were read with the runs.
    const { criteriaMet, criteriaTotal, performance, power, performancePerWatt, performanceRunPower } = await this.summary(
      tx.manager,
      assessment,
      judged,
      judgements,
    );
    const concludedAt = now.toISOString();
    const summary = { criteriaMet, criteriaTotal, performance, power, performancePerWatt, performanceRunPower };
    const { outcome, failedSuites } = assessment;
    const evaluation = { rackSerial, generation, incarnation, outcome, concludedAt, failedSuites, summary };
    const revision = await EvaluationRepository.conclude(tx.manager, evaluation);
    if (revision === undefined) return;
    // intake moves the rack to EVALUATION_PASSED or _FAILED on it (intake: racks/lifecycle/lifecycle.rules.ts);
    // purchase-option makes the option exercisable or not (purchase-option: options/option-lifecycle.service.ts).
    tx.publish(RackEvaluationCompleted, {
      rackSerial,
      generation,
      outcome,
      ...summary,
      failedSuites,
      occurredAt: concludedAt,
      revision,
      incarnation,
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
    const view = await this.current(tx.manager, rackSerial, record.incarnation);
    if (!view || view.outcome === record.outcome) return;
    await this.reopen(tx, record, { cause: 'CORRECTION', extraAttempts: 0, suites: [], ...why, reason: `correction: ${why.reason}` });
    await this.assess(rackSerial, tx);
  }

  /** Re-opens the concluded revision in `record` (locked by the caller) and tells intake, test-run and purchase-option. */
  async reopen(
    tx: Transaction,
    record: ConcludedEvaluation,
    how: Omit<ReopeningRecord, 'incarnation' | 'revision' | 'reopenedAt'>,
    now = new Date(),
  ): Promise<void> {
    const reopening: ReopeningRecord = {
      ...how,
      incarnation: record.incarnation,
      revision: record.revision ?? 1,
      reopenedAt: now.toISOString(),
    };
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
      incarnation: reopening.incarnation,
    });
  }

  /** A plan arriving after a rack's runs may decide its evaluation (this transaction wrote the plan: see `plan`). */
  async assessGeneration(generation: string, planVersion: number, tx: Transaction): Promise<void> {
    for (const rack of await RunRepository.racksAwaitingPlan(tx.manager, generation, planVersion)) {
      await this.assess(rack, tx, undefined, { planWritten: true });
    }
  }

  /**
   * The evaluation of the rack's current incarnation, with the history of every incarnation. After a
   * return from an RMA it is fresh (PENDING, no verdict) until the new incarnation's runs decide it.
   */
  async get(rackSerial: string, manager?: EntityManager): Promise<RackEvaluationView> {
    if (!manager) return readInSnapshot(this.dataSource, (own) => this.get(rackSerial, own));
    const head = await EvaluationRepository.head(manager, rackSerial);
    const incarnation = head?.incarnation ?? 1;
    const view = await this.current(manager, rackSerial, incarnation, incarnation > 1 ? head?.generation : undefined);
    if (!view) throw new ResultsError(ResultsErrorCode.NO_EVALUATION, `rack ${rackSerial} has no runs under a known test plan`);
    const concluded = head?.concluded;
    if (!concluded) return { ...view, ...(await this.history(manager, rackSerial)) };
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
      restarts: await EvaluationHistoryRepository.restarts(manager, rackSerial),
    };
  }

  /**
   * The evaluation as the incarnation's runs stand now, under the newest plan version they were
   * scheduled with. `restartedIn`: the generation of a rack restarted after a return from an RMA,
   * whose fresh evaluation is shown before its first run, against the generation's latest plan.
   */
  private async current(
    manager: EntityManager,
    rackSerial: string,
    incarnation: number,
    restartedIn?: string,
  ): Promise<RackEvaluationView | undefined> {
    const standing = await this.standing(manager, rackSerial, incarnation, { restartedIn });
    if (!standing) return undefined;
    const { generation, assessment } = standing;
    const summary = await this.summary(manager, assessment);
    const { deciding, suiteOf } = decidingRuns(assessment);
    const diagnosisCriteria = (await EvaluationRepository.diagnosisJudgements(manager, deciding)).map((j) => ({
      ...j,
      suite: suiteOf.get(j.runId)!,
    }));
    return {
      rackSerial,
      generation,
      incarnation,
      ...assessment,
      ...summary,
      status: 'PENDING',
      verdicts: [],
      reopenings: [],
      restarts: [],
      diagnosisCriteria,
    };
  }

  /**
   * The incarnation's runs assessed against their plan (see `current`); undefined while no plan is
   * known. `keepPlan`: see `plan`; `reopened`: false when the rack cannot have been re-opened, so
   * there are no re-opened suites' allowances to read; `runs`: the incarnation's runs when the caller read them.
   */
  private async standing(
    manager: EntityManager,
    rackSerial: string,
    incarnation: number,
    {
      restartedIn,
      keepPlan = true,
      reopened = true,
      runs: read,
    }: { restartedIn?: string; keepPlan?: boolean; reopened?: boolean; runs?: RunOutcomeRow[] } = {},
  ): Promise<{ generation: string; assessment: RackAssessment } | undefined> {
    const runs = read ?? (await EvaluationRepository.runOutcomes(manager, rackSerial, incarnation));
    const generation = runs[0]?.generation ?? restartedIn;
    if (!generation) return undefined;
    const plan = runs.length
      ? await this.plan(manager, generation, Math.max(...runs.map((r) => r.planVersion)), keepPlan)
      : await RunRepository.latestPlan(manager, generation);
    if (!plan && !restartedIn) return undefined;
    const allowances = reopened ? await EvaluationHistoryRepository.allowances(manager, rackSerial, incarnation) : new Map();
    return { generation, assessment: assessRack(plan ?? [], runs, allowances) };
  }

  /**
   * A plan version's suites, read once per process: test_plan rows are only ever inserted (ON
   * CONFLICT DO NOTHING: a version, once stored, keeps its suites), never updated or deleted. A plan
   * not stored yet is asked for again. `keep` is false in the transaction that stores plans: what it
   * reads is not committed yet and would be wrong to keep if that transaction rolled back.
   */
  private async plan(
    manager: EntityManager,
    generation: string,
    version: number,
    keep: boolean,
  ): Promise<readonly TestSuiteV1[] | undefined> {
    const key = `${generation}\u0000${version}`;
    const cached = this.plans.get(key);
    if (cached) return cached;
    const suites = await RunRepository.plan(manager, generation, version);
    if (suites && keep) {
      if (this.plans.size >= CACHED_PLANS) this.plans.delete(this.plans.keys().next().value!);
      this.plans.set(key, suites);
    }
    return suites;
  }

  /**
   * The finance figures from the deciding runs' criteria results. `judged`: a run whose verdict
   * this transaction just recorded; its results are taken as recorded instead of read back.
   * `known`: the criteria results of the rack's runs when the caller read them (then nothing is read).
   */
  private async summary(
    manager: EntityManager,
    assessment: RackAssessment,
    judged?: JudgedRun,
    known?: Array<CriterionJudgement & { runId: string }>,
  ): Promise<EvaluationSummary> {
    const { deciding, suiteOf } = decidingRuns(assessment);
    const toRead = deciding.filter((runId) => runId !== judged?.runId);
    const read = known ?? (toRead.length ? await EvaluationRepository.judgements(manager, toRead) : []);
    const judgements = deciding.flatMap((runId) =>
      runId === judged?.runId ? judged.criteria.map((c) => ({ ...c, runId })) : read.filter((j) => j.runId === runId),
    );
    return summarise(judgements.map((j) => ({ ...j, suite: suiteOf.get(j.runId) })));
  }
}

/** Generations times plan versions stay few; the bound only keeps a runaway from growing the map. */
const CACHED_PLANS = 1_000;

/** The runs that decide each suite, in suite order, and the suite each decides. */
function decidingRuns(assessment: RackAssessment): { deciding: string[]; suiteOf: Map<string | undefined, string> } {
  const deciding = assessment.suites.map((s) => s.decidingRunId).filter((id): id is string => id !== undefined);
  const suiteOf = new Map(assessment.suites.map((s) => [s.decidingRunId, s.suite]));
  return { deciding, suiteOf };
}
