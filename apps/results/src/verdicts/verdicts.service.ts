import { Injectable, Logger } from '@nestjs/common';
import { RunVerdictRecorded } from '@rackeval/contracts';
import { Transaction } from '@rackeval/messaging';
import { DataSource } from 'typeorm';
import { CriteriaRepository } from '../criteria/criteria.repository';
import { CriteriaService } from '../criteria/criteria.service';
import { ResultsError, ResultsErrorCode } from '../results.errors';
import type { RunRecord } from '../run-mirror/run.repository';
import { DiagnosisEvidenceRepository } from './diagnosis-evidence.repository';
import { CriterionJudgement, judgeRun, RunDiagnoses } from './run-verdict.rules';
import { VerdictRepository, VerdictView } from './verdict.repository';

/** A run's verdict as just recorded: its revision and its criteria results, in the order verdict_criterion keeps them. */
export interface JudgedRun {
  runId: string;
  revision: number;
  criteria: CriterionJudgement[];
}

@Injectable()
export class VerdictsService {
  private readonly logger = new Logger(VerdictsService.name);

  constructor(
    private readonly criteria: CriteriaService,
    private readonly dataSource: DataSource,
  ) {}

  /**
   * Judges a completed run by the criteria version recorded when it started (or, for a run that
   * started before its generation had any, the first version published). Each judgement is a new
   * revision of the run's verdict and is published. Returns what was recorded, so the caller need
   * not read it back; undefined when the run could not be judged.
   */
  async judge(run: RunRecord, tx: Transaction, now = new Date()): Promise<JudgedRun | undefined> {
    const version = run.criteriaVersion ?? (await CriteriaRepository.firstVersion(tx.manager, run.generation));
    if (version === undefined) {
      this.logger.warn(`run ${run.runId} of ${run.generation} cannot be judged: the generation has no acceptance criteria`);
      return undefined;
    }
    const rules = await this.criteria.rulesFor(tx.manager, run.generation, version, run.metrics);
    const diagnosisRules = await this.criteria.diagnosisRulesFor(tx.manager, run.generation, version, run.suite);
    const diagnoses: RunDiagnoses = {
      rules: diagnosisRules,
      found: diagnosisRules.length ? await DiagnosisEvidenceRepository.ofRun(tx.manager, run.runId) : [],
    };
    const judgement = judgeRun(rules, await VerdictRepository.samples(tx.manager, run.runId), diagnoses);
    const judgedAt = now.toISOString();
    const revision = await VerdictRepository.save(tx.manager, run, version, judgement, judgedAt);
    tx.publish(RunVerdictRecorded, {
      runId: run.runId,
      rackSerial: run.rackSerial,
      generation: run.generation,
      suite: run.suite,
      attempt: run.attempt,
      criteriaVersion: version,
      verdict: judgement.verdict,
      revision,
      ...(judgement.reason ? { reason: judgement.reason } : {}),
      criteria: judgement.criteria.map((c) => ({
        metric: c.metric,
        unit: c.unit,
        comparator: c.comparator,
        min: c.min,
        max: c.max,
        measured: c.measured,
        result: c.result,
        reason: c.reason,
      })),
      occurredAt: judgedAt,
    });
    return { runId: run.runId, revision, criteria: judgement.criteria };
  }

  async get(runId: string): Promise<VerdictView> {
    const found = await VerdictRepository.find(this.dataSource.manager, runId);
    if (!found)
      throw new ResultsError(ResultsErrorCode.NO_VERDICT, `run ${runId} has no verdict (unknown, not completed yet, or no criteria)`);
    return found;
  }
}
