import { Injectable } from '@nestjs/common';
import { UnitOfWork } from '@rackeval/messaging';
import { Decimal } from '@rackeval/platform';
import { DataSource } from 'typeorm';
import { OptionLifecycleService } from '../options/option-lifecycle.service';
import { PurchaseOptionError, PurchaseOptionErrorCode } from '../purchase-option.errors';
import { PutTermsDto, TermsView } from './dto/terms.dto';
import { OptionTermsEntity } from './terms.entity';
import { TermsRepository } from './terms.repository';

/**
 * Terms are versioned and immutable: publishing different terms adds a version; options keep the
 * version they opened under. Publishing the same terms as the latest version changes nothing.
 */
@Injectable()
export class TermsService {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly dataSource: DataSource,
    private readonly lifecycle: OptionLifecycleService,
  ) {}

  publish(generation: string, body: PutTermsDto, actor: string): Promise<TermsView> {
    return this.unitOfWork.run(async (tx) => {
      await TermsRepository.lockGeneration(tx.manager, generation, 'exclusive');
      const latest = await TermsRepository.latest(tx.manager, generation);
      if (latest && sameTerms(latest, body)) return toTermsView(latest);
      const terms: OptionTermsEntity = {
        generation,
        version: (latest?.version ?? 0) + 1,
        unitPrice: Decimal.parse(body.unitPrice).toFixed(2),
        currency: body.currency,
        windowDays: body.windowDays,
        approvalThreshold: Decimal.parse(body.approvalThreshold).toFixed(2),
        publishedBy: actor,
        publishedAt: new Date(),
      };
      await tx.manager.insert(OptionTermsEntity, terms);
      if (!latest) await this.lifecycle.attachTerms(tx, terms);
      return toTermsView(terms);
    });
  }

  async get(generation: string, version?: number): Promise<TermsView> {
    const manager = this.dataSource.manager;
    const terms = version ? await TermsRepository.version(manager, generation, version) : await TermsRepository.latest(manager, generation);
    if (!terms) {
      throw new PurchaseOptionError(
        PurchaseOptionErrorCode.UNKNOWN_TERMS,
        `no option terms${version ? ` version ${version}` : ''} published for generation ${generation}`,
        [{ field: 'generation', message: 'no terms' }],
      );
    }
    return toTermsView(terms);
  }
}

function sameTerms(terms: OptionTermsEntity, body: PutTermsDto): boolean {
  return (
    Decimal.parse(terms.unitPrice).compare(Decimal.parse(body.unitPrice)) === 0 &&
    Decimal.parse(terms.approvalThreshold).compare(Decimal.parse(body.approvalThreshold)) === 0 &&
    terms.currency.trim() === body.currency &&
    terms.windowDays === body.windowDays
  );
}

export function toTermsView(terms: OptionTermsEntity): TermsView {
  return {
    generation: terms.generation,
    version: terms.version,
    unitPrice: terms.unitPrice,
    currency: terms.currency.trim(),
    windowDays: terms.windowDays,
    approvalThreshold: terms.approvalThreshold,
    publishedBy: terms.publishedBy,
    publishedAt: terms.publishedAt.toISOString(),
  };
}
