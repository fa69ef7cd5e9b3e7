import { Injectable } from '@nestjs/common';
import { TestPlanPublished } from '@rackeval/contracts';
import { UnitOfWork } from '@rackeval/messaging';
import { DataSource, EntityManager } from 'typeorm';
import { RackRegistryService } from '../racks/rack-registry.service';
import { TestRunError, TestRunErrorCode } from '../test-run.errors';
import { TestPlanView } from './dto/test-plan.view';
import { SuiteSpec, TestPlanEntity, toPlanView } from './test-plan.entity';
import { assertValidPlan, toSuiteSpecs } from './test-plan.rules';
import { TestPlansRepository } from './test-plans.repository';

/** How many published plan versions a process keeps read (a few per generation in practice). */
const PUBLISHED_VERSIONS_KEPT = 1000;

@Injectable()
export class TestPlansService {
  /** Published plan versions read so far, by generation and version. */
  private readonly published = new Map<string, TestPlanEntity>();

  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly dataSource: DataSource,
    private readonly registry: RackRegistryService,
  ) {}

  /** Publishes a new version; only for a generation intake has registered (else runs could never use it). */
  publish(generation: string, suites: SuiteSpec[], actor: string): Promise<TestPlanView> {
    assertValidPlan(suites);
    return this.unitOfWork.run(async (tx) => {
      if (!(await this.registry.lockGeneration(tx.manager, generation))) {
        throw new TestRunError(
          TestRunErrorCode.UNKNOWN_GENERATION,
          `generation ${generation} is unknown: a test plan can only be published for a generation registered at intake`,
          [{ field: 'generation', message: `unknown generation ${generation}` }],
        );
      }
      const next = await TestPlansRepository.nextVersion(tx.manager, generation);
      const plan = tx.manager.create(TestPlanEntity, {
        generation,
        version: next,
        suites: toSuiteSpecs(suites),
        publishedAt: new Date(),
        publishedBy: actor,
      });
      await TestPlansRepository.insert(tx.manager, plan);
      tx.publish(TestPlanPublished, {
        generation,
        version: plan.version,
        suites: plan.suites,
        publishedAt: plan.publishedAt.toISOString(),
      });
      return toPlanView(plan);
    });
  }

  async get(generation: string, version?: number): Promise<TestPlanView> {
    const plan = await this.find(this.dataSource.manager, generation, version);
    if (!plan) {
      const which = version ? `version ${version} of the test plan` : 'test plan';
      throw new TestRunError(TestRunErrorCode.TEST_PLAN_NOT_FOUND, `generation ${generation} has no ${which}`);
    }
    return toPlanView(plan);
  }

  /**
   * The given version, or the current (latest) one. Which version is current is read every time;
   * a version's content is kept once read, as a published version never changes (only new ones are
   * added), and only committed versions are ever read here.
   */
  async find(manager: EntityManager, generation: string, version?: number): Promise<TestPlanEntity | null> {
    const wanted = version || (await TestPlansRepository.latestVersion(manager, generation));
    if (wanted === null) return null;
    const key = `${generation}\u0000${wanted}`;
    const known = this.published.get(key);
    if (known) return known;
    const plan = await TestPlansRepository.find(manager, generation, wanted);
    if (plan) {
      if (this.published.size >= PUBLISHED_VERSIONS_KEPT) this.published.clear();
      this.published.set(key, plan);
    }
    return plan;
  }
}
