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
  /** Published versions by generation and version number (see `published`); one map per service instance. */
  private readonly versions = new Map<string, Readonly<CriteriaVersionView>>();

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
    const found = await this.published(manager, generation, version);
    return (found?.criteria ?? []).filter((rule) => metrics.includes(rule.metric));
  }

  /** Diagnosis criteria of a version that judge a run of `suite`. */
  async diagnosisRulesFor(manager: EntityManager, generation: string, version: number, suite: string): Promise<DiagnosisCriterionRule[]> {
    const found = await this.published(manager, generation, version);
    return (found?.diagnosisCriteria ?? []).filter((rule) => appliesToSuite(rule, suite));
  }

  /**
   * A published version, read once per process: versions are append-only (the runtime role may
   * not UPDATE or DELETE them, see AppendOnlyRecords and DiagnosisCriteria), so a version once
   * read never changes. Only numbered versions are kept, never "the latest", and only as read by
   * judging and measuring, whose transactions write no criteria and so see committed versions
   * only (publish reads its own uncommitted version through the repository, uncached).
   */
  private async published(manager: EntityManager, generation: string, version: number): Promise<Readonly<CriteriaVersionView> | undefined> {
    const key = `${generation}\u0000${version}`;
    const cached = this.versions.get(key);
    if (cached) return cached;
    const found = await CriteriaRepository.find(manager, generation, version);
    if (!found) return undefined; // a version not (yet) visible is asked for again next time
    if (this.versions.size >= CACHED_VERSIONS) this.versions.delete(this.versions.keys().next().value!);
    this.versions.set(key, deepFreeze(found));
    return found;
  }
}

/** Generations times versions stay few; the bound only keeps a runaway from growing the map. */
const CACHED_VERSIONS = 1_000;

/** Cached versions are shared by every caller: frozen, so none can change another's copy. */
function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}
