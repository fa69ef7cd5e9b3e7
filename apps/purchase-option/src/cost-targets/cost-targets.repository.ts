import type { NestedRow } from '@rackeval/platform';
import { EntityManager, In } from 'typeorm';
import { TermsBook } from '../terms/terms-status';
import { CostTargetsEntity, CostTargetsReviewEntity } from './cost-targets.entity';

/** A version read nested in another statement (the option's page), in CostTargetsEntity's order. */
export const COST_TARGETS_ROW: NestedRow = {
  columns: `generation, version, currency, performance_unit, max_unit_price, max_price_per_performance_unit, energy_price_per_kwh, pue,
    horizon_years, max_tco_per_performance_unit, note, proposed_by, proposed_by_id, proposed_at`,
  timestamps: ['proposed_at'],
  exact: [
    'max_unit_price',
    'max_price_per_performance_unit',
    'energy_price_per_kwh',
    'pue',
    'horizon_years',
    'max_tco_per_performance_unit',
  ],
};

export const CostTargetsRepository = {
  all(manager: EntityManager, generation: string): Promise<CostTargetsEntity[]> {
    return manager.find(CostTargetsEntity, { where: { generation }, order: { version: 'DESC' } });
  },

  version(manager: EntityManager, generation: string, version: number): Promise<CostTargetsEntity | null> {
    return manager.findOneBy(CostTargetsEntity, { generation, version });
  },

  /** The versions options are judged against: each generation's latest approved one. */
  async active(manager: EntityManager, generations: string[]): Promise<Map<string, CostTargetsEntity>> {
    if (!generations.length) return new Map();
    const rows = await manager
      .createQueryBuilder(CostTargetsEntity, 't')
      .distinctOn(['t.generation'])
      .innerJoin(CostTargetsReviewEntity, 'r', 'r.generation = t.generation AND r.version = t.version AND r.approved')
      .where('t.generation IN (:...generations)', { generations })
      .orderBy('t.generation')
      .addOrderBy('t.version', 'DESC')
      .getMany();
    return new Map(rows.map((row) => [row.generation, row]));
  },

  /** The decisions on the generation's versions (status is told the same way as for terms). */
  async book(manager: EntityManager, generation: string): Promise<TermsBook> {
    return new TermsBook(await manager.findBy(CostTargetsReviewEntity, { generation: In([generation]) }));
  },

  add(manager: EntityManager, targets: CostTargetsEntity): Promise<unknown> {
    return manager.insert(CostTargetsEntity, targets);
  },

  addReview(manager: EntityManager, review: CostTargetsReviewEntity): Promise<unknown> {
    return manager.insert(CostTargetsReviewEntity, review);
  },

  /** Serialises proposals and reviews of one generation's cost targets. */
  async lockGeneration(manager: EntityManager, generation: string): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext('purchase-option:cost-targets'), hashtext($1))`, [generation]);
  },
};
