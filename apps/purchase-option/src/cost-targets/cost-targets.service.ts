import { Injectable } from '@nestjs/common';
import { UnitOfWork } from '@rackeval/messaging';
import { Decimal, readInSnapshot } from '@rackeval/platform';
import { DataSource } from 'typeorm';
import { GenerationRegistryService } from '../generations/generation-registry.service';
import { Actor } from '../identity/actor';
import { PurchaseOptionError, PurchaseOptionErrorCode } from '../purchase-option.errors';
import { TermsApprovalDto } from '../terms/dto/terms.dto';
import { TermsBook } from '../terms/terms-status';
import { assertReviewable, reviewOf } from '../terms/version-review.rules';
import { CostTargetsEntity } from './cost-targets.entity';
import { CostTargetsRepository } from './cost-targets.repository';
import { costTargetsProblems } from './cost-targets.rules';
import { PutCostTargetsDto } from './dto/cost-targets.dto';
import { CostTargetsVersionView, CostTargetsView } from './dto/cost-targets.view';

const DECIMAL_FIELDS = [
  'maxUnitPrice',
  'maxPricePerPerformanceUnit',
  'energyPricePerKwh',
  'pue',
  'horizonYears',
  'maxTcoPerPerformanceUnit',
] as const;

/**
 * Cost targets follow terms' shape: versioned, immutable and four-eyes. A finance or admin user
 * proposes a version; options are judged against it (the value section's cost verdict) only once
 * another one approves it. Proposing the same targets as the pending proposal (or, with none
 * pending, as the active version) changes nothing. The two tables are the audit trail.
 */
@Injectable()
export class CostTargetsService {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly dataSource: DataSource,
    private readonly generations: GenerationRegistryService,
  ) {}

  propose(generation: string, body: PutCostTargetsDto, actor: Actor): Promise<{ targets: CostTargetsVersionView; created: boolean }> {
    const problems = costTargetsProblems(body);
    if (problems.length) {
      throw new PurchaseOptionError(
        PurchaseOptionErrorCode.INVALID_COST_TARGETS,
        `cost targets for ${generation}: ${problems.map((p) => `${p.field} ${p.message}`).join('; ')}`,
        problems,
      );
    }
    return this.unitOfWork.run(async (tx) => {
      await CostTargetsRepository.lockGeneration(tx.manager, generation);
      await this.generations.assertKnown(tx.manager, generation, 'cost targets');
      const versions = await CostTargetsRepository.all(tx.manager, generation);
      const book = await CostTargetsRepository.book(tx.manager, generation);
      const pending = versions.find((v) => book.status(v) === 'PROPOSED');
      const active = versions.find((v) => book.status(v) === 'ACTIVE');
      const unchanged = pending ?? active;
      if (unchanged && sameTargets(unchanged, body)) return { targets: toVersionView(unchanged, book), created: false };
      if (pending) {
        throw new PurchaseOptionError(
          PurchaseOptionErrorCode.COST_TARGETS_CONFLICT,
          `cost targets version ${pending.version} of ${generation} awaits approval; approve or reject it before proposing other targets`,
          [{ field: 'generation', message: `version ${pending.version} is PROPOSED` }],
        );
      }
      const targets: CostTargetsEntity = {
        generation,
        version: (versions[0]?.version ?? 0) + 1,
        currency: body.currency,
        performanceUnit: body.performanceUnit?.trim() || null,
        maxUnitPrice: body.maxUnitPrice === undefined ? null : Decimal.parse(body.maxUnitPrice).toFixed(2),
        maxPricePerPerformanceUnit: normalised(body.maxPricePerPerformanceUnit),
        energyPricePerKwh: normalised(body.energyPricePerKwh),
        pue: normalised(body.pue),
        horizonYears: normalised(body.horizonYears),
        maxTcoPerPerformanceUnit: normalised(body.maxTcoPerPerformanceUnit),
        note: body.note?.trim() || null,
        proposedBy: actor.name,
        proposedById: actor.id,
        proposedAt: new Date(),
      };
      await CostTargetsRepository.add(tx.manager, targets);
      return { targets: toVersionView(targets, book), created: true };
    });
  }

  /** The second pair of eyes: approve (ACTIVE; options are judged against it from now on) or reject a PROPOSED version. */
  review(generation: string, version: number, body: TermsApprovalDto, actor: Actor): Promise<CostTargetsVersionView> {
    return this.unitOfWork.runOnce(async (tx) => {
      await CostTargetsRepository.lockGeneration(tx.manager, generation);
      const targets = await CostTargetsRepository.version(tx.manager, generation, version);
      if (!targets) throw unknownTargets(generation, version);
      const reviewed = { kind: 'cost targets', ...targets } as const;
      assertReviewable(reviewed, (await CostTargetsRepository.book(tx.manager, generation)).status(targets), actor);
      await CostTargetsRepository.addReview(tx.manager, reviewOf(reviewed, body, actor));
      return toVersionView(targets, await CostTargetsRepository.book(tx.manager, generation));
    });
  }

  /** Every cost-targets version with its review status, read in one snapshot so the two agree. */
  async get(generation: string): Promise<CostTargetsView> {
    const { versions, book } = await readInSnapshot(this.dataSource, async (manager) => {
      const versions = await CostTargetsRepository.all(manager, generation);
      if (!versions.length) throw unknownTargets(generation);
      return { versions, book: await CostTargetsRepository.book(manager, generation) };
    });
    const views = versions.map((v) => toVersionView(v, book));
    return { generation, active: views.find((v) => v.status === 'ACTIVE') ?? null, versions: views };
  }
}

function unknownTargets(generation: string, version?: number): PurchaseOptionError {
  return new PurchaseOptionError(
    PurchaseOptionErrorCode.UNKNOWN_COST_TARGETS,
    `no cost targets${version ? ` version ${version}` : ''} proposed for generation ${generation}`,
    [{ field: version ? 'version' : 'generation', message: 'no cost targets' }],
  );
}

/** Trailing zeros dropped, so "60.00" and "60" are the same target and read back as written. */
function normalised(value: string | undefined): string | null {
  if (value === undefined) return null;
  const text = Decimal.parse(value).toFixed();
  return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
}

function sameTargets(targets: CostTargetsEntity, body: PutCostTargetsDto): boolean {
  const same = (stored: string | null, given: string | undefined) =>
    stored === null || given === undefined
      ? stored === null && given === undefined
      : Decimal.parse(stored).compare(Decimal.parse(given)) === 0;
  return (
    targets.currency.trim() === body.currency &&
    (targets.performanceUnit ?? null) === (body.performanceUnit?.trim() || null) &&
    DECIMAL_FIELDS.every((field) => same(targets[field], body[field]))
  );
}

export function toVersionView(targets: CostTargetsEntity, book: TermsBook): CostTargetsVersionView {
  return book.view(targets, {
    currency: targets.currency.trim(),
    performanceUnit: targets.performanceUnit,
    maxUnitPrice: targets.maxUnitPrice === null ? null : Decimal.parse(targets.maxUnitPrice).toFixed(2),
    maxPricePerPerformanceUnit: normalised(targets.maxPricePerPerformanceUnit ?? undefined),
    energyPricePerKwh: normalised(targets.energyPricePerKwh ?? undefined),
    pue: normalised(targets.pue ?? undefined),
    horizonYears: normalised(targets.horizonYears ?? undefined),
    maxTcoPerPerformanceUnit: normalised(targets.maxTcoPerPerformanceUnit ?? undefined),
    note: targets.note,
    proposedBy: targets.proposedBy,
    proposedAt: targets.proposedAt.toISOString(),
  });
}
