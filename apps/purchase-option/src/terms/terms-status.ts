import type { OptionTermsEntity, TermsReviewEntity } from './terms.entity';

export const TERMS_STATUSES = ['PROPOSED', 'ACTIVE', 'REJECTED', 'SUPERSEDED'] as const;
/** PROPOSED until a second user decides; ACTIVE is the latest approved version; SUPERSEDED an earlier approved one. */
export type TermsStatus = (typeof TERMS_STATUSES)[number];

/** The decisions on some generations' terms versions. */
export class TermsBook {
  private readonly reviews = new Map<string, TermsReviewEntity>();
  private readonly active = new Map<string, number>();

  constructor(reviews: TermsReviewEntity[]) {
    for (const review of reviews) {
      this.reviews.set(`${review.generation}#${review.version}`, review);
      if (review.approved && review.version > (this.active.get(review.generation) ?? 0)) this.active.set(review.generation, review.version);
    }
  }

  review(terms: Pick<OptionTermsEntity, 'generation' | 'version'>): TermsReviewEntity | null {
    return this.reviews.get(`${terms.generation}#${terms.version}`) ?? null;
  }

  status(terms: Pick<OptionTermsEntity, 'generation' | 'version'>): TermsStatus {
    const review = this.review(terms);
    if (!review) return 'PROPOSED';
    if (!review.approved) return 'REJECTED';
    return this.active.get(terms.generation) === terms.version ? 'ACTIVE' : 'SUPERSEDED';
  }

  /**
   * A version of terms or cost targets as the API shows it (VersionStatusView): which one and where
   * it stands, then its own `fields`, then its review (null while PROPOSED).
   */
  view<T extends object>(versioned: Pick<OptionTermsEntity, 'generation' | 'version'>, fields: T) {
    const review = this.review(versioned);
    return {
      generation: versioned.generation,
      version: versioned.version,
      status: this.status(versioned),
      ...fields,
      review: review
        ? { approved: review.approved, reviewedBy: review.reviewedBy, reviewedAt: review.reviewedAt.toISOString(), note: review.note }
        : null,
    };
  }
}
