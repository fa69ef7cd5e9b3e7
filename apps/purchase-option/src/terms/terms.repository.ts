import { EntityManager, In } from 'typeorm';
import { OptionTermsEntity, TermsReviewEntity } from './terms.entity';
import { TermsBook } from './terms-status';

export const TermsRepository = {
  latest(manager: EntityManager, generation: string): Promise<OptionTermsEntity | null> {
    return manager.findOne(OptionTermsEntity, { where: { generation }, order: { version: 'DESC' } });
  },

  version(manager: EntityManager, generation: string, version: number): Promise<OptionTermsEntity | null> {
    return manager.findOneBy(OptionTermsEntity, { generation, version });
  },

  /** Every version of the generations. */
  ofGenerations(manager: EntityManager, generations: string[]): Promise<OptionTermsEntity[]> {
    return manager.findBy(OptionTermsEntity, { generation: In(generations) });
  },

  /** A new version, PROPOSED until reviewed. */
  add(manager: EntityManager, terms: OptionTermsEntity): Promise<unknown> {
    return manager.insert(OptionTermsEntity, terms);
  },

  /** The version options open under: the latest approved one, or null while none is. */
  async active(manager: EntityManager, generation: string): Promise<OptionTermsEntity | null> {
    const [active] = await manager
      .createQueryBuilder(OptionTermsEntity, 't')
      .innerJoin(TermsReviewEntity, 'r', 'r.generation = t.generation AND r.version = t.version AND r.approved')
      .where('t.generation = :generation', { generation })
      .orderBy('t.version', 'DESC')
      .limit(1)
      .getMany();
    return active ?? null;
  },

  /** The decisions on the generations' versions, to tell each version's status. */
  async book(manager: EntityManager, generations: string[]): Promise<TermsBook> {
    return new TermsBook(generations.length ? await manager.findBy(TermsReviewEntity, { generation: In(generations) }) : []);
  },

  addReview(manager: EntityManager, review: TermsReviewEntity): Promise<unknown> {
    return manager.insert(TermsReviewEntity, review);
  },

  /** Serialises proposals and reviews per generation against opening options and applying verdicts (shared). */
  async lockGeneration(manager: EntityManager, generation: string, mode: 'exclusive' | 'shared'): Promise<void> {
    const fn = mode === 'exclusive' ? 'pg_advisory_xact_lock' : 'pg_advisory_xact_lock_shared';
    await manager.query(`SELECT ${fn}(hashtext('purchase-option:generation'), hashtext($1))`, [generation]);
  },
};
