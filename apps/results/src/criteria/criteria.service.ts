import { Injectable } from '@nestjs/common';
import { UnitOfWork } from '@rackeval/messaging';
import { DataSource, EntityManager } from 'typeorm';
import { ResultsError, ResultsErrorCode } from '../results.errors';
import { StandingService } from '../standing/standing.service';
import { appliesToSuite, type DiagnosisCriterionRule } from '../verdicts/diagnosis-verdict.rules';
import type { CriterionRule } from '../verdicts/run-verdict.rules';
import { diagnosisCriterionProblems, thresholdProblems, toDiagnosisRule, toRule } from './criterion.rules';
import { CriteriaRepository, CriteriaVersionView } from './criteria.repository';
import { PutCriteriaDto } from './dto/criteria.dto';

@Injectable()
export class CriteriaService {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly dataSource: DataSource,
    private readonly standing: StandingService,
  ) {}

  async publish(generation: string, body: PutCriteriaDto, actor: string): Promise<CriteriaVersionView> {
    const problems = [...thresholdProblems(body.criteria), ...diagnosisCriterionProblems(body.diagnosisCriteria ?? [])];
    if (problems.length) {
      throw new ResultsError(
        ResultsErrorCode.INVALID_CRITERIA,
        `criteria for ${generation} are invalid: ${problems.map((p) => `${p.field}: ${p.message}`).join('; ')}`,
        problems,
      );
    }
    return this.unitOfWork.run(async (tx) => {
      await this.standing.assertKnownGeneration(tx.manager, generation);
      const diagnosisRules = (body.diagnosisCriteria ?? []).map(toDiagnosisRule);
      const version = await CriteriaRepository.append(tx.manager, generation, actor, body.criteria.map(toRule), diagnosisRules);
      return (await CriteriaRepository.find(tx.manager, generation, version))!;
    });
  }

  async get(generation: string, version?: number): Promise<CriteriaVersionView> {
    const found = await CriteriaRepository.find(this.dataSource.manager, generation, version);
    if (!found) {
      const which = version === undefined ? 'no acceptance criteria' : `no criteria version ${version}`;
      throw new ResultsError(ResultsErrorCode.UNKNOWN_CRITERIA, `generation ${generation} has ${which}`);
    }
    return found;
  }

  /** Criteria of a version restricted to the metrics a suite reports: what a run of that suite is judged by. */
  async rulesFor(manager: EntityManager, generation: string, version: number, metrics: readonly string[]): Promise<CriterionRule[]> {
    const found = await CriteriaRepository.find(manager, generation, version);
    return (found?.criteria ?? []).filter((rule) => metrics.includes(rule.metric));
  }

  /** Diagnosis criteria of a version that judge a run of `suite`. */
  async diagnosisRulesFor(manager: EntityManager, generation: string, version: number, suite: string): Promise<DiagnosisCriterionRule[]> {
    const found = await CriteriaRepository.find(manager, generation, version);
    return (found?.diagnosisCriteria ?? []).filter((rule) => appliesToSuite(rule, suite));
  }
}
