import { entityOf, nestedRowSql, type NestedRow, type Row, rowOfNested } from '@rackeval/platform';
import { NamedStatement } from '@rackeval/messaging';
import { EntityManager } from 'typeorm';
import type { OptionAuditEntity } from '../audit/audit.entity';
import { AUDIT_ROW, entryOf } from '../audit/audit.repository';
import type { CostTargetsEntity } from '../cost-targets/cost-targets.entity';
import { COST_TARGETS_ROW } from '../cost-targets/cost-targets.repository';
import { LATEST_RMA_FIRST, RACK_RMA_ROW, type RackRmaRecord, rmaOf } from '../rmas/rack-rma.repository';
import type { OptionTermsEntity, TermsReviewEntity } from '../terms/terms.entity';
import { reviewOf, TERMS_REVIEW_ROW, TERMS_ROW, termsOf, TermsRepository } from '../terms/terms.repository';
import { PurchaseOptionEntity, RackEvaluationEntity } from './option.entity';

const snakeCase = (field: string) => field.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);

/** PurchaseOptionEntity's fields, in its order (each column is the field's name in snake_case). */
const OPTION_FIELDS: ReadonlyArray<keyof PurchaseOptionEntity> = [
  'rackSerial',
  'generation',
  'state',
  'incarnation',
  'termsVersion',
  'deliveryReference',
  'site',
  'lot',
  'domesticContentPct',
  'domesticContentTargetPct',
  'bomCost',
  'bomCurrency',
  'receivedAt',
  'openedAt',
  'verdictAt',
  'expiresAt',
  'requestedBy',
  'requestedAt',
  'requestRationale',
  'requestWaiver',
  'requestedFrom',
  'lastRejectionBy',
  'lastRejectionAt',
  'lastRejectionNote',
  'decidedBy',
  'approvedBy',
  'decisionRationale',
  'waiver',
  'endedAt',
  'intakeRejectionReason',
  'intakeRejectedAt',
  'requestedById',
  'decidedById',
  'approvedById',
  'lastRejectionById',
  'version',
  'updatedAt',
];
/** The option's columns, in PurchaseOptionEntity's order. */
const OPTION_COLUMNS = OPTION_FIELDS.map(snakeCase).join(', ');

/** The kept evaluation's columns, in RackEvaluationEntity's order. */
const EVALUATION_COLUMNS = `rack_serial, generation, outcome, criteria_met, criteria_total, performance, power, performance_per_watt,
  performance_run_power, failed_suites, concluded_at, event_id, incarnation`;

/** `columns` of the table under `alias`, each named `prefix` + its column in the rows. */
function qualified(columns: string, alias: string, prefix = ''): string {
  return columns
    .split(',')
    .map((column) => column.trim())
    .map((column) => `${alias}.${column}${prefix ? ` AS ${prefix}${column}` : ''}`)
    .join(', ');
}

/** An option row as its entity: the timestamps stay the driver's Dates. */
export const optionOf = (row: Row): PurchaseOptionEntity => entityOf<PurchaseOptionEntity>(row);

/** An evaluation row as its entity: `concludedAt` stays the driver's Date. */
const evaluationOf = (row: Row): RackEvaluationEntity => entityOf<RackEvaluationEntity>(row);

/** The option row split from the kept evaluation's `evaluation_` columns (that evaluation is null when the join found none). */
function optionAndEvaluation(row: Row): { option: PurchaseOptionEntity; evaluation: RackEvaluationEntity | null } {
  const option: Row = {};
  const evaluation: Row = {};
  for (const [column, value] of Object.entries(row)) {
    if (column.startsWith('evaluation_')) evaluation[column.slice('evaluation_'.length)] = value;
    else option[column] = value;
  }
  return { option: optionOf(option), evaluation: evaluation.rack_serial === null ? null : evaluationOf(evaluation) };
}

/** A nested row of the option's page (null when the subquery found none). */
const nested = (spec: NestedRow, json: unknown): Row | null => (json == null ? null : rowOfNested(spec, json as Row));

/** Everything the option's page shows, read as one. */
export interface OptionPageRows {
  option: PurchaseOptionEntity;
  evaluation: RackEvaluationEntity | null;
  terms: OptionTermsEntity | null;
  /** The reviews of the generation's terms versions (to tell each version's status). */
  termsReviews: TermsReviewEntity[];
  /** The generation's active cost targets: its latest approved version. */
  costTargets: CostTargetsEntity | null;
  rma: RackRmaRecord | null;
  /** The audit trail, oldest first. */
  history: OptionAuditEntity[];
}

/**
 * `SET` assignments of the option's columns for the entity's fields in `changes` (undefined ones
 * and the key left out, as TypeORM's update leaves them), their parameters numbered from `$first`.
 */
export function optionAssignments(changes: Partial<PurchaseOptionEntity>, first: number): { sql: string; params: unknown[] } {
  const fields = OPTION_FIELDS.filter((field) => field !== 'rackSerial' && changes[field] !== undefined);
  return {
    sql: fields.map((field, index) => `${snakeCase(field)} = $${first + index}`).join(', '),
    params: fields.map((field) => changes[field]),
  };
}

/** The option's page (see `OptionRepository.page`): planning it cost three times running it, so it is planned once per connection. */
const PAGE = new NamedStatement(
  'option_page',
  `SELECT ${qualified(OPTION_COLUMNS, 'o')}, ${qualified(EVALUATION_COLUMNS, 'e', 'evaluation_')},
     (SELECT ${nestedRowSql('t', TERMS_ROW)} FROM option_terms t
       WHERE t.generation = o.generation AND t.version = o.terms_version) AS page_terms,
     (SELECT COALESCE(json_agg(${nestedRowSql('r', TERMS_REVIEW_ROW)}), '[]') FROM option_terms_review r
       WHERE r.generation = o.generation) AS page_terms_reviews,
     (SELECT ${nestedRowSql('c', COST_TARGETS_ROW)} FROM cost_targets c
        JOIN cost_targets_review cr ON cr.generation = c.generation AND cr.version = c.version AND cr.approved
       WHERE c.generation = o.generation ORDER BY c.version DESC LIMIT 1) AS page_cost_targets,
     (SELECT ${nestedRowSql('m', RACK_RMA_ROW)} FROM rack_rma m
       WHERE m.rack_serial = o.rack_serial ORDER BY ${LATEST_RMA_FIRST} LIMIT 1) AS page_rma,
     (SELECT COALESCE(json_agg(${nestedRowSql('a', AUDIT_ROW)} ORDER BY a.id), '[]') FROM option_audit a
       WHERE a.rack_serial = o.rack_serial) AS page_history
     FROM purchase_option o LEFT JOIN rack_evaluation e ON e.rack_serial = o.rack_serial
    WHERE o.rack_serial = $1`,
);

export const OptionRepository = {
  async find(manager: EntityManager, rackSerial: string): Promise<PurchaseOptionEntity | null> {
    const rows: Row[] = await manager.query(`SELECT ${OPTION_COLUMNS} FROM purchase_option WHERE rack_serial = $1`, [rackSerial]);
    return rows.length ? optionOf(rows[0]) : null;
  },

  /**
   * The option's page in one statement, so in one snapshot and one round trip: the option, its kept
   * evaluation, its terms version, its generation's terms reviews and active cost targets, its rack's
   * latest RMA and its audit trail, each read as its own repository reads it (the same columns and
   * order), nested as JSON. A verdict committing meanwhile is wholly in it or wholly not.
   */
  async page(manager: EntityManager, rackSerial: string): Promise<OptionPageRows | null> {
    const rows = await PAGE.rows<Row>(manager, [rackSerial]);
    if (!rows.length) return null;
    const { page_terms, page_terms_reviews, page_cost_targets, page_rma, page_history, ...row } = rows[0];
    const terms = nested(TERMS_ROW, page_terms);
    const costTargets = nested(COST_TARGETS_ROW, page_cost_targets);
    const rma = nested(RACK_RMA_ROW, page_rma);
    return {
      ...optionAndEvaluation(row),
      terms: terms && termsOf(terms),
      termsReviews: (page_terms_reviews as Row[]).map((review) => reviewOf(rowOfNested(TERMS_REVIEW_ROW, review))),
      costTargets: costTargets && entityOf<CostTargetsEntity>(costTargets),
      rma: rma && rmaOf(rma),
      history: (page_history as Row[]).map((entry) => entryOf(rowOfNested(AUDIT_ROW, entry))),
    };
  },

  /** A new option, in its initial state (its first audit line is option-transitions.ts's). */
  async insert(manager: EntityManager, option: PurchaseOptionEntity): Promise<void> {
    await manager.query(
      `INSERT INTO purchase_option (${OPTION_COLUMNS}) VALUES (${OPTION_FIELDS.map((_, index) => `$${index + 1}`).join(', ')})`,
      OPTION_FIELDS.map((field) => option[field]),
    );
  },

  /**
   * Changes columns other than the state, guarded by the option's version (`changes` carries the
   * next one); false when someone changed the option since it was read. State changes are option-transitions.ts's.
   */
  async updateUnlessChanged(
    manager: EntityManager,
    option: Pick<PurchaseOptionEntity, 'rackSerial' | 'version'>,
    changes: Partial<PurchaseOptionEntity>,
  ): Promise<boolean> {
    if ('state' in changes) throw new Error('a state changes only through option-transitions.ts');
    const set = optionAssignments(changes, 3);
    const [, affected] = await manager.query(`UPDATE purchase_option SET ${set.sql} WHERE rack_serial = $1 AND version = $2`, [
      option.rackSerial,
      option.version,
      ...set.params,
    ]);
    return affected === 1;
  },

  async evaluation(manager: EntityManager, rackSerial: string): Promise<RackEvaluationEntity | null> {
    const rows: Row[] = await manager.query(`SELECT ${EVALUATION_COLUMNS} FROM rack_evaluation WHERE rack_serial = $1`, [rackSerial]);
    return rows.length ? evaluationOf(rows[0]) : null;
  },

  /**
   * What opening the rack's option needs to know, in one read: whether it is open already, the
   * evaluation kept for it (read before the receipt), if any, and which version of its generation's
   * terms is active (TermsRepository.activeVersion), null while none is.
   */
  async opening(
    manager: EntityManager,
    rack: { rackSerial: string; generation: string },
  ): Promise<{ opened: boolean; evaluation: RackEvaluationEntity | null; activeTermsVersion: number | null }> {
    const [row]: Row[] = await manager.query(
      `SELECT EXISTS (SELECT 1 FROM purchase_option WHERE rack_serial = $1) AS opened,
              ${TermsRepository.activeVersion('$2')} AS active_terms_version,
              ${qualified(EVALUATION_COLUMNS, 'e')}
         FROM (VALUES (1)) AS one LEFT JOIN rack_evaluation e ON e.rack_serial = $1`,
      [rack.rackSerial, rack.generation],
    );
    const { opened, active_terms_version: activeTermsVersion, ...evaluation } = row;
    return {
      opened: opened as boolean,
      evaluation: evaluation.rack_serial === null ? null : evaluationOf(evaluation),
      activeTermsVersion: activeTermsVersion as number | null,
    };
  },

  /** The kept evaluations of the racks; one array parameter, however many (a bind parameter per serial stops at 65,535). */
  async evaluations(manager: EntityManager, rackSerials: string[]): Promise<RackEvaluationEntity[]> {
    const rows: Row[] = await manager.query(`SELECT ${EVALUATION_COLUMNS} FROM rack_evaluation WHERE rack_serial = ANY($1)`, [rackSerials]);
    return rows.map(evaluationOf);
  },

  /**
   * Keeps the evaluation unless the rack already has one: true when kept. The rack's lock is held,
   * so a false means an evaluation kept earlier (read it to tell which).
   */
  async addEvaluationUnlessKept(manager: EntityManager, evaluation: RackEvaluationEntity): Promise<boolean> {
    const rows: Row[] = await manager.query(
      `INSERT INTO rack_evaluation (${EVALUATION_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
       ON CONFLICT (rack_serial) DO NOTHING RETURNING rack_serial`,
      evaluationValues(evaluation),
    );
    return rows.length === 1;
  },

  async addEvaluation(manager: EntityManager, evaluation: RackEvaluationEntity): Promise<void> {
    await manager.query(
      `INSERT INTO rack_evaluation (${EVALUATION_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
      evaluationValues(evaluation),
    );
  },

  /** Drops the kept evaluation (a re-opened verdict), so the next conclusion applies. */
  async dropEvaluation(manager: EntityManager, rackSerial: string): Promise<void> {
    await manager.query(`DELETE FROM rack_evaluation WHERE rack_serial = $1`, [rackSerial]);
  },

  /** Drops a kept evaluation of an incarnation before `incarnation` (the unit came back: its verdict is history). */
  async dropEvaluationBefore(manager: EntityManager, rackSerial: string, incarnation: number): Promise<void> {
    await manager.query(`DELETE FROM rack_evaluation WHERE rack_serial = $1 AND incarnation < $2`, [rackSerial, incarnation]);
  },

  async awaitingTerms(manager: EntityManager, generation: string): Promise<PurchaseOptionEntity[]> {
    const rows: Row[] = await manager.query(
      `SELECT ${OPTION_COLUMNS} FROM purchase_option WHERE generation = $1 AND terms_version IS NULL ORDER BY rack_serial`,
      [generation],
    );
    return rows.map(optionOf);
  },

  /** Serialises the rack's opening and its evaluation, which arrive on different topics in any order. */
  async lockRack(manager: EntityManager, rackSerial: string): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext('purchase-option:rack'), hashtext($1))`, [rackSerial]);
  },

  /**
   * The rack's lock, then a shared hold on its generation's terms (the keys of `lockRack` and
   * `TermsRepository.lockGeneration`): for a fact that may meet that generation's terms being
   * approved (they attach to the options waiting for them). One round trip; `OFFSET 0` keeps the
   * subquery, so the rack's lock is always taken first.
   */
  async lockRackAndTerms(manager: EntityManager, fact: { rackSerial: string; generation: string }): Promise<void> {
    await manager.query(
      `SELECT pg_advisory_xact_lock_shared(hashtext('purchase-option:generation'), hashtext($2))
         FROM (SELECT pg_advisory_xact_lock(hashtext('purchase-option:rack'), hashtext($1)) OFFSET 0) AS rack`,
      [fact.rackSerial, fact.generation],
    );
  },
};

/** The evaluation's values in EVALUATION_COLUMNS' order (the figures and failed suites as JSON). */
function evaluationValues(evaluation: RackEvaluationEntity): unknown[] {
  const json = (value: unknown) => (value == null ? null : JSON.stringify(value));
  return [
    evaluation.rackSerial,
    evaluation.generation,
    evaluation.outcome,
    evaluation.criteriaMet,
    evaluation.criteriaTotal,
    json(evaluation.performance),
    json(evaluation.power),
    json(evaluation.performancePerWatt),
    json(evaluation.performanceRunPower),
    JSON.stringify(evaluation.failedSuites),
    evaluation.concludedAt,
    evaluation.eventId,
    evaluation.incarnation,
  ];
}
