import { Injectable } from '@nestjs/common';
import { UnitOfWork } from '@rackeval/messaging';
import { Decimal, readInSnapshot } from '@rackeval/platform';
import { DataSource, EntityManager } from 'typeorm';
import { Actor } from '../identity/actor';
import { GenerationRegistryService } from '../generations/generation-registry.service';
import { OptionLifecycleService } from '../options/option-lifecycle.service';
import { PurchaseOptionError, PurchaseOptionErrorCode } from '../purchase-option.errors';
import { PutTermsDto, TermsApprovalDto } from './dto/terms.dto';
import { TermsView } from './dto/terms.view';
import { OptionTermsEntity } from './terms.entity';
import { TermsRepository } from './terms.repository';
import { TermsBook } from './terms-status';
import { assertReviewable, reviewOf } from './version-review.rules';

/**
 * Terms are versioned, immutable and four-eyes: a finance or admin user proposes a version; it
 * takes effect (ACTIVE) only when another one approves it. Options open under the active version
 * and keep it. Proposing the same terms as the pending proposal (or, with none pending, as the
 * active version) changes nothing.
 */
@Injectable()
export class TermsService {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly dataSource: DataSource,
    private readonly lifecycle: OptionLifecycleService,
    private readonly generations: GenerationRegistryService,
  ) {}

  propose(generation: string, body: PutTermsDto, actor: Actor): Promise<{ terms: TermsView; created: boolean }> {
    return this.unitOfWork.run(async (tx) => {
      await this.generations.assertKnown(tx.manager, generation, 'option terms');
      await TermsRepository.lockGeneration(tx.manager, generation, 'exclusive');
      const latest = await TermsRepository.latest(tx.manager, generation);
      const book = await TermsRepository.book(tx.manager, [generation]);
      const pending = latest && book.status(latest) === 'PROPOSED' ? latest : null;
      const active = await TermsRepository.active(tx.manager, generation);
      const unchanged = pending ?? active;
      if (unchanged && sameTerms(unchanged, body)) return { terms: toTermsView(unchanged, book), created: false };
      if (pending) {
        throw new PurchaseOptionError(
          PurchaseOptionErrorCode.TERMS_CONFLICT,
          `terms version ${pending.version} of ${generation} awaits approval; approve or reject it before proposing other terms`,
          [{ field: 'generation', message: `version ${pending.version} is PROPOSED` }],
        );
      }
      const terms: OptionTermsEntity = {
        generation,
        version: (latest?.version ?? 0) + 1,
        unitPrice: Decimal.parse(body.unitPrice).toFixed(2),
        currency: body.currency,
        windowDays: body.windowDays,
        approvalThreshold: Decimal.parse(body.approvalThreshold).toFixed(2),
        publishedBy: actor.name,
        publishedAt: new Date(),
        proposedById: actor.id,
      };
      await TermsRepository.add(tx.manager, terms);
      return { terms: toTermsView(terms, book), created: true };
    });
  }

  /** The second pair of eyes: approve (ACTIVE; options waiting for terms take it) or reject a PROPOSED version. */
  review(generation: string, version: number, body: TermsApprovalDto, actor: Actor): Promise<TermsView> {
    return this.unitOfWork.runOnce(async (tx) => {
      await TermsRepository.lockGeneration(tx.manager, generation, 'exclusive');
      const terms = await this.find(tx.manager, generation, version);
      const reviewed = { kind: 'terms', ...terms } as const;
      assertReviewable(reviewed, (await TermsRepository.book(tx.manager, [generation])).status(terms), actor);
      await TermsRepository.addReview(tx.manager, reviewOf(reviewed, body, actor));
      if (body.approve) await this.lifecycle.attachTerms(tx, terms);
      return toTermsView(terms, await TermsRepository.book(tx.manager, [generation]));
    });
  }

  /** A terms version with its review status, read in one snapshot so the two agree. */
  get(generation: string, version?: number): Promise<TermsView> {
    return readInSnapshot(this.dataSource, async (manager) => {
      const terms = version ? await this.find(manager, generation, version) : await TermsRepository.latest(manager, generation);
      if (!terms) throw unknownTerms(generation);
      return toTermsView(terms, await TermsRepository.book(manager, [generation]));
    });
  }

  private async find(manager: EntityManager, generation: string, version: number): Promise<OptionTermsEntity> {
    const terms = await TermsRepository.version(manager, generation, version);
    if (!terms) throw unknownTerms(generation, version);
    return terms;
  }
}

function unknownTerms(generation: string, version?: number): PurchaseOptionError {
  return new PurchaseOptionError(
    PurchaseOptionErrorCode.UNKNOWN_TERMS,
    `no option terms${version ? ` version ${version}` : ''} proposed for generation ${generation}`,
    [{ field: version ? 'version' : 'generation', message: 'no terms' }],
  );
}

function sameTerms(terms: OptionTermsEntity, body: PutTermsDto): boolean {
  return (
    Decimal.parse(terms.unitPrice).compare(Decimal.parse(body.unitPrice)) === 0 &&
    Decimal.parse(terms.approvalThreshold).compare(Decimal.parse(body.approvalThreshold)) === 0 &&
    terms.currency.trim() === body.currency &&
    terms.windowDays === body.windowDays
  );
}

export function toTermsView(terms: OptionTermsEntity, book: TermsBook): TermsView {
  return book.view(terms, {
    unitPrice: terms.unitPrice,
    currency: terms.currency.trim(),
    windowDays: terms.windowDays,
    approvalThreshold: terms.approvalThreshold,
    publishedBy: terms.publishedBy,
    publishedAt: terms.publishedAt.toISOString(),
  });
}
