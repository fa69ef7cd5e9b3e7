import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { OptionState } from '@rackeval/contracts';
import { ProgrammeFiguresRepository } from '@rackeval/platform';

export interface StateRow {
  generation: string;
  state: OptionState;
  count: number;
}
export interface MoneyRow {
  generation: string;
  bucket: 'EXERCISED' | 'EXERCISABLE' | 'PENDING_APPROVAL';
  currency: string;
  amount: string;
  options: number;
}
export interface PriceRow {
  generation: string;
  version: number;
  unit_price: string;
  currency: string;
}
export interface CostTargetRow {
  generation: string;
  version: number;
  currency: string;
  performance_unit: string | null;
  max_unit_price: string | null;
  max_price_per_performance_unit: string | null;
  max_tco_per_performance_unit: string | null;
}
export interface VerdictRow {
  generation: string;
  verdicts: number;
  median: number | null;
  p90: number | null;
}

/** Programme figures computed on read from the option read model and terms (indexes: ProgrammeIndexes migration). */
@Injectable()
export class ProgrammeRepository extends ProgrammeFiguresRepository {
  generations(manager: EntityManager, generation: string | null): Promise<string[]> {
    return this.generationsIn(manager, generation, 'option_terms', 'cost_targets', 'purchase_option');
  }

  optionsByState(manager: EntityManager, generation: string | null): Promise<StateRow[]> {
    return this.countByState<OptionState>(manager, 'purchase_option', generation);
  }

  /** Exercised, exercisable and pending-approval options summed at the price of the terms each opened under (exact numeric). */
  money(manager: EntityManager, generation: string | null): Promise<MoneyRow[]> {
    return manager.query(
      `SELECT o.generation, o.state AS bucket, t.currency, sum(t.unit_price)::text AS amount, count(*)::int AS options
         FROM purchase_option o JOIN option_terms t ON t.generation = o.generation AND t.version = o.terms_version
        WHERE o.state IN ('EXERCISED', 'EXERCISABLE', 'PENDING_APPROVAL') AND ($1::text IS NULL OR o.generation = $1)
        GROUP BY o.generation, o.state, t.currency ORDER BY o.generation, o.state, t.currency`,
      [generation],
    );
  }

  /** The latest approved terms version of each generation. */
  prices(manager: EntityManager, generation: string | null): Promise<PriceRow[]> {
    return this.latestApproved(manager, 'option_terms', 'v.unit_price::text AS unit_price, v.currency', generation);
  }

  /** The latest approved cost-targets version of each generation. */
  costTargets(manager: EntityManager, generation: string | null): Promise<CostTargetRow[]> {
    return this.latestApproved(
      manager,
      'cost_targets',
      `v.currency, v.performance_unit, v.max_unit_price::text AS max_unit_price,
       v.max_price_per_performance_unit::text AS max_price_per_performance_unit,
       v.max_tco_per_performance_unit::text AS max_tco_per_performance_unit`,
      generation,
    );
  }

  /** Generation, version and `columns` (of `v`) of each generation's latest approved version in a four-eyes table (its reviews in `<table>_review`). */
  private latestApproved<T>(
    manager: EntityManager,
    table: 'option_terms' | 'cost_targets',
    columns: string,
    generation: string | null,
  ): Promise<T[]> {
    return manager.query(
      `SELECT DISTINCT ON (v.generation) v.generation, v.version, ${columns}
         FROM ${table} v JOIN ${table}_review r ON r.generation = v.generation AND r.version = v.version AND r.approved
        WHERE ($1::text IS NULL OR v.generation = $1)
        ORDER BY v.generation, v.version DESC`,
      [generation],
    );
  }

  /** Days from a rack's arrival to its evaluation verdict; percentiles interpolate (percentile_cont). */
  daysToVerdict(manager: EntityManager, generation: string | null): Promise<VerdictRow[]> {
    return manager.query(
      `SELECT generation, count(*)::int AS verdicts,
              round(percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM verdict_at - received_at) / 86400)::numeric, 2)::float8 AS median,
              round(percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM verdict_at - received_at) / 86400)::numeric, 2)::float8 AS p90
         FROM purchase_option WHERE verdict_at IS NOT NULL AND ($1::text IS NULL OR generation = $1)
        GROUP BY generation`,
      [generation],
    );
  }
}
