import { PurchaseOptionError } from '../purchase-option.errors';
import { assertReviewable, reviewOf, ReviewedVersion } from './version-review.rules';

const fiona = { id: 'issuer|fiona', name: 'fiona' };
const frank = { id: 'issuer|frank', name: 'frank' };
const terms: ReviewedVersion = { kind: 'terms', generation: 'G2', version: 3, proposedById: fiona.id };
const targets: ReviewedVersion = { ...terms, kind: 'cost targets' };

function refusal(run: () => void): PurchaseOptionError {
  try {
    run();
  } catch (error) {
    if (error instanceof PurchaseOptionError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('version review (four eyes)', () => {
  it('lets another user review a PROPOSED version', () => {
    expect(() => assertReviewable(terms, 'PROPOSED', frank)).not.toThrow();
    expect(() => assertReviewable({ ...targets, proposedById: null }, 'PROPOSED', fiona)).not.toThrow();
  });

  it.each(['ACTIVE', 'REJECTED', 'SUPERSEDED'] as const)('refuses to review a %s version, naming its status', (status) => {
    const sut = refusal(() => assertReviewable(terms, status, frank));
    expect(sut.code).toBe('ILLEGAL_TRANSITION');
    expect(sut.message).toBe(`terms version 3 of G2 is ${status}; only a PROPOSED version can be approved or rejected`);
    expect(sut.details).toEqual([{ field: 'version', message: `is ${status}` }]);
  });

  it.each([
    [terms, 'four-eyes rule: fiona proposed terms version 3 of G2 and cannot review it; another finance or admin user must'],
    [targets, 'four-eyes rule: fiona proposed cost targets version 3 of G2 and cannot review them; another finance or admin user must'],
  ])('refuses the proposer as reviewer of %o', (reviewed, message) => {
    const sut = refusal(() => assertReviewable(reviewed, 'PROPOSED', fiona));
    expect(sut.code).toBe('FOUR_EYES_RULE');
    expect(sut.message).toBe(message);
    expect(sut.details).toEqual([{ field: 'approver', message: 'must differ from the proposer' }]);
  });

  it('records who decided what, and when', () => {
    jest.useFakeTimers({ now: new Date('2026-11-30T06:00:00Z') });
    try {
      expect(reviewOf(targets, { approve: false, note: 'too dear' }, frank)).toEqual({
        generation: 'G2',
        version: 3,
        approved: false,
        reviewedBy: 'frank',
        reviewedById: 'issuer|frank',
        note: 'too dear',
        reviewedAt: new Date('2026-11-30T06:00:00Z'),
      });
    } finally {
      jest.useRealTimers();
    }
  });
});
