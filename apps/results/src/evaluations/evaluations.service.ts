import { Injectable } from '@nestjs/common';
import { RackEvaluationCompleted } from '@rackeval/contracts';
import { Transaction } from '@rackeval/messaging';
import { DataSource, EntityManager } from 'typeorm';
import { ResultsError, ResultsErrorCode } from '../results.errors';
import { RunRepository } from '../runs/run.repository';
import { EvaluationSummary, summarise } from './evaluation-summary';
import { EvaluationRepository } from './evaluation.repository';
import { assessRack, RackAssessment } from './rack-evaluation';

export interface RackEvaluationView extends EvaluationSummary {
  rackSerial: string;
  generation: string;
  outcome: RackAssessment['outcome'];
  concludedAt?: string;
  failedSuites: string[];
  suites: RackAssessment['suites'];
}

@Injectable()
export class EvaluationsService {
  constructor(private readonly dataSource: DataSource) {}

  /** Concludes the rack's evaluation when the rules decide it; once per rack, guarded by a unique row. */
  async assess(rackSerial: string, tx: Transaction, now = new Date()): Promise<void> {
    if (await EvaluationRepository.concluded(tx.manager, rackSerial)) return;
    const view = await this.current(tx.manager, rackSerial);
    if (!view || view.outcome === 'PENDING') return;
    const concludedAt = now.toISOString();
    const { criteriaMet, criteriaTotal, performance, power, performancePerWatt, performanceRunPower } = view;
    const summary = { criteriaMet, criteriaTotal, performance, power, performancePerWatt, performanceRunPower };
    const evaluation = { rackSerial, generation: view.generation, outcome: view.outcome, concludedAt, failedSuites: view.failedSuites, summary };
    if (!(await EvaluationRepository.conclude(tx.manager, evaluation))) return;
    tx.publish(RackEvaluationCompleted, {
      rackSerial,
      generation: view.generation,
      outcome: view.outcome,
      ...summary,
      failedSuites: view.failedSuites,
      occurredAt: concludedAt,
    });
  }

  /** A plan arriving after a rack's runs may decide its evaluation. */
  async assessGeneration(generation: string, planVersion: number, tx: Transaction): Promise<void> {
    for (const rack of await RunRepository.racksAwaitingPlan(tx.manager, generation, planVersion)) await this.assess(rack, tx);
  }

  async isConcluded(manager: EntityManager, rackSerial: string): Promise<boolean> {
    return (await EvaluationRepository.concluded(manager, rackSerial)) !== undefined;
  }

  async get(rackSerial: string): Promise<RackEvaluationView> {
    const manager = this.dataSource.manager;
    const view = await this.current(manager, rackSerial);
    const concluded = await EvaluationRepository.concluded(manager, rackSerial);
    if (!view) throw new ResultsError(ResultsErrorCode.NO_EVALUATION, `rack ${rackSerial} has no runs under a known test plan`);
    if (!concluded) return view;
    return { ...view, ...concluded.summary, outcome: concluded.outcome, concludedAt: concluded.concludedAt, failedSuites: concluded.failedSuites };
  }

  /** The evaluation as the runs stand now, under the newest plan version the rack's runs were scheduled with. */
  private async current(manager: EntityManager, rackSerial: string): Promise<RackEvaluationView | undefined> {
    const runs = await EvaluationRepository.runOutcomes(manager, rackSerial);
    if (!runs.length) return undefined;
    const generation = runs[0].generation;
    const planVersion = Math.max(...runs.map((r) => r.planVersion));
    const plan = await RunRepository.plan(manager, generation, planVersion);
    if (!plan) return undefined;
    const assessment = assessRack(plan, runs);
    const deciding = assessment.suites.map((s) => s.decidingRunId).filter((id): id is string => id !== undefined);
    const suiteOf = new Map(assessment.suites.map((s) => [s.decidingRunId, s.suite]));
    const judgements = await EvaluationRepository.judgements(manager, deciding);
    const summary = summarise(judgements.map((j) => ({ ...j, suite: suiteOf.get(j.runId) })));
    return { rackSerial, generation, ...assessment, ...summary };
  }
}
