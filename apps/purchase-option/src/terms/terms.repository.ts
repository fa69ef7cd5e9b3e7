import { entityOf, type NestedRow, type Row } from '@rackeval/platform';
import { DataSource, EntityManager } from 'typeorm';
import { OptionTermsEntity, TermsReviewEntity } from './terms.entity';
import { TermsBook } from './terms-status';

/** A version's columns, in OptionTermsEntity's order. */
const TERMS_COLUMNS =
  'generation, version, unit_price, currency, window_days, approval_threshold, published_by, published_at, proposed_by_id';
/** A review's columns, in TermsReviewEntity's order. */
const REVIEW_COLUMNS = 'generation, version, approved, reviewed_by, reviewed_by_id, note, reviewed_at';

/** A version, and a review, read nested in another statement (the option's page). */
export const TERMS_ROW: NestedRow = { columns: TERMS_COLUMNS, timestamps: ['published_at'], exact: ['unit_price', 'approval_threshold'] };
export const TERMS_REVIEW_ROW: NestedRow = { columns: REVIEW_COLUMNS, timestamps: ['reviewed_at'] };

/** A version row as its entity: `publishedAt` stays the driver's Date. */
export const termsOf = (row: Row): OptionTermsEntity => entityOf<OptionTermsEntity>(row);

/** A review row as its entity: `reviewedAt` stays the driver's Date. */
export const reviewOf = (row: Row): TermsReviewEntity => entityOf<TermsReviewEntity>(row);

/**
 * The versions read so far, per database: a version's row never changes once written (`option_terms`
 * is append-only: a trigger and the runtime role's privileges refuse UPDATE and DELETE), so what it
 * says can be kept. Only the rows are kept — never which version is latest or active, nor a review
 * (a version is reviewed later, and a later approval supersedes an active one): those are read each time.
 * Filled from reads only, never from `add`, so a proposal whose transaction rolls back is never kept.
 */
const versionsRead = new WeakMap<DataSource, Map<string, OptionTermsEntity>>();
/** Far more than the versions there are; a bound all the same. */
const MAX_KEPT = 10_000;
const keyOf = (generation: string, version: number) => `${generation}#${version}`;

function keptVersions(manager: EntityManager): Map<string, OptionTermsEntity> {
  let kept = versionsRead.get(manager.connection);
  if (!kept) versionsRead.set(manager.connection, (kept = new Map()));
  return kept;
}

/** Keeps a version as read and answers a copy (callers may not change what is kept). */
function keep(manager: EntityManager, terms: OptionTermsEntity): OptionTermsEntity {
  const kept = keptVersions(manager);
  if (kept.size >= MAX_KEPT) kept.clear();
  kept.set(keyOf(terms.generation, terms.version), terms);
  return { ...terms };
}

function keptVersion(manager: EntityManager, generation: string, version: number): OptionTermsEntity | undefined {
  const terms = keptVersions(manager).get(keyOf(generation, version));
  return terms && { ...terms };
}

export const TermsRepository = {
  async latest(manager: EntityManager, generation: string): Promise<OptionTermsEntity | null> {
    const rows: Row[] = await manager.query(
      `SELECT ${TERMS_COLUMNS} FROM option_terms WHERE generation = $1 ORDER BY version DESC LIMIT 1`,
      [generation],
    );
    return rows.length ? keep(manager, termsOf(rows[0])) : null;
  },

  /** One version; its row is read once per database and kept (it never changes). */
  async version(manager: EntityManager, generation: string, version: number): Promise<OptionTermsEntity | null> {
    const kept = keptVersion(manager, generation, version);
    if (kept) return kept;
    const rows: Row[] = await manager.query(`SELECT ${TERMS_COLUMNS} FROM option_terms WHERE generation = $1 AND version = $2`, [
      generation,
      version,
    ]);
    return rows.length ? keep(manager, termsOf(rows[0])) : null;
  },

  /** These versions (those that exist); the ones not read before in one query, two array parameters however many. */
  async versions(manager: EntityManager, wanted: ReadonlyArray<{ generation: string; version: number }>): Promise<OptionTermsEntity[]> {
    const found: OptionTermsEntity[] = [];
    const missing = new Map<string, { generation: string; version: number }>();
    for (const [key, { generation, version }] of new Map(wanted.map((each) => [keyOf(each.generation, each.version), each]))) {
      const kept = keptVersion(manager, generation, version);
      if (kept) found.push(kept);
      else missing.set(key, { generation, version });
    }
    if (!missing.size) return found;
    const keys = [...missing.values()];
    const rows: Row[] = await manager.query(
      `SELECT ${TERMS_COLUMNS} FROM option_terms
        WHERE (generation, version) IN (SELECT * FROM unnest($1::text[], $2::integer[]))`,
      [keys.map((key) => key.generation), keys.map((key) => key.version)],
    );
    return [...found, ...rows.map((row) => keep(manager, termsOf(row)))];
  },

  /** A new version, PROPOSED until reviewed. */
  async add(manager: EntityManager, terms: OptionTermsEntity): Promise<void> {
    await manager.query(`INSERT INTO option_terms (${TERMS_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`, [
      terms.generation,
      terms.version,
      terms.unitPrice,
      terms.currency,
      terms.windowDays,
      terms.approvalThreshold,
      terms.publishedBy,
      terms.publishedAt,
      terms.proposedById,
    ]);
  },

  /**
   * SQL for the number of the generation's active version (the latest approved one; a review's
   * version always has its row), NULL while none is, the generation being the parameter `generation`
   * (e.g. `$2`): for a query that reads it beside other things. Never kept: a later approval changes it.
   */
  activeVersion(generation: string): string {
    return `(SELECT max(r.version) FROM option_terms_review r WHERE r.generation = ${generation} AND r.approved)`;
  },

  /** The version options open under: the latest approved one, or null while none is. */
  async active(manager: EntityManager, generation: string): Promise<OptionTermsEntity | null> {
    const rows: Row[] = await manager.query(
      `SELECT t.generation, t.version, t.unit_price, t.currency, t.window_days, t.approval_threshold, t.published_by, t.published_at, t.proposed_by_id
         FROM option_terms t
         JOIN option_terms_review r ON r.generation = t.generation AND r.version = t.version AND r.approved
        WHERE t.generation = $1
        ORDER BY t.version DESC
        LIMIT 1`,
      [generation],
    );
    return rows.length ? keep(manager, termsOf(rows[0])) : null;
  },

  /** The decisions on the generations' versions, to tell each version's status. */
  async book(manager: EntityManager, generations: string[]): Promise<TermsBook> {
    if (!generations.length) return new TermsBook([]);
    const rows: Row[] = await manager.query(`SELECT ${REVIEW_COLUMNS} FROM option_terms_review WHERE generation = ANY($1)`, [generations]);
    return new TermsBook(rows.map(reviewOf));
  },

  async addReview(manager: EntityManager, review: TermsReviewEntity): Promise<void> {
    await manager.query(`INSERT INTO option_terms_review (${REVIEW_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7)`, [
      review.generation,
      review.version,
      review.approved,
      review.reviewedBy,
      review.reviewedById,
      review.note,
      review.reviewedAt,
    ]);
  },

  /** Serialises proposals and reviews per generation against opening options and applying verdicts (shared). */
  async lockGeneration(manager: EntityManager, generation: string, mode: 'exclusive' | 'shared'): Promise<void> {
    const fn = mode === 'exclusive' ? 'pg_advisory_xact_lock' : 'pg_advisory_xact_lock_shared';
    await manager.query(`SELECT ${fn}(hashtext('purchase-option:generation'), hashtext($1))`, [generation]);
  },
};
