import {
  OptionDeclined,
  OptionEndedV1,
  OptionExercised,
  OptionLapsed,
  OptionState,
  OptionStateChanged,
  OptionWithdrawn,
} from '@rackeval/contracts';
import type { Transaction } from '@rackeval/messaging';
import { AuditAction, OptionAuditEntity } from '../audit/audit.entity';
import { PurchaseOptionError, PurchaseOptionErrorCode } from '../purchase-option.errors';
import { OptionTermsEntity } from '../terms/terms.entity';
import { PurchaseOptionEntity } from './option.entity';
import { optionAssignments, OptionRepository } from './option.repository';
import { OptionAction, OptionStateMachine } from './option.state-machine';

const AUDIT_ACTION: Record<OptionAction, AuditAction> = {
  'evaluation-passed': 'EVALUATION_PASSED',
  'evaluation-failed': 'EVALUATION_FAILED',
  'rejected-at-intake': 'REJECTED_AT_INTAKE',
  exercise: 'EXERCISED',
  'request-approval': 'EXERCISE_REQUESTED',
  approve: 'APPROVED',
  reject: 'REJECTED',
  decline: 'DECLINED',
  lapse: 'LAPSED',
  withdraw: 'WITHDRAWN',
  'evaluation-reopened': 'EVALUATION_REOPENED',
  'reopen-after-rma': 'REOPENED_AFTER_RMA',
};

export interface TransitionCommand {
  action: OptionAction;
  /** Username or rule, shown and carried on events. */
  actor: string;
  /** Issuer + subject when a person acts. */
  actorId?: string;
  at: Date;
  /** Why: the rationale, note or rule, kept in the audit trail and on the event. */
  reason: string;
  /** Other columns the transition sets (requester, expiry, decision …). */
  changes?: Partial<PurchaseOptionEntity>;
  waiver?: string;
}

/** An audit line (the trail is append-only; its id is the database's). */
async function auditEntry(tx: Transaction, entry: Omit<OptionAuditEntity, 'id'>): Promise<void> {
  await tx.manager.query(
    `INSERT INTO option_audit (rack_serial, action, actor, actor_id, occurred_at, from_state, to_state, reason, waiver, terms_version, unit_price, currency, incarnation)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
    [
      entry.rackSerial,
      entry.action,
      entry.actor,
      entry.actorId,
      entry.occurredAt,
      entry.fromState,
      entry.toState,
      entry.reason,
      entry.waiver,
      entry.termsVersion,
      entry.unitPrice,
      entry.currency,
      entry.incarnation,
    ],
  );
}

/**
 * The transition's write: the state and the columns it changes (`changes`, then the next version and
 * the time), guarded by the version the option was read at; false when someone changed it since.
 */
async function writeTransition(
  tx: Transaction,
  option: Pick<PurchaseOptionEntity, 'rackSerial' | 'version'>,
  to: OptionState,
  changes: Partial<PurchaseOptionEntity>,
  at: Date,
): Promise<boolean> {
  const set = optionAssignments({ ...changes, state: undefined, version: option.version + 1, updatedAt: at }, 4);
  const [, affected] = await tx.manager.query(`UPDATE purchase_option SET state = $3, ${set.sql} WHERE rack_serial = $1 AND version = $2`, [
    option.rackSerial,
    option.version,
    to,
    ...set.params,
  ]);
  return affected === 1;
}

/**
 * An audit line for what a service or a rule did (no person's id, no waiver): under the option's
 * terms version, at the terms' price when they are given, about the option's incarnation unless the
 * entry names another (a late fact about an earlier one).
 */
export function auditFact(
  tx: Transaction,
  option: Pick<PurchaseOptionEntity, 'rackSerial' | 'termsVersion' | 'incarnation'>,
  terms: Pick<OptionTermsEntity, 'unitPrice' | 'currency'> | null,
  entry: { action: AuditAction; actor: string; at: Date; from: OptionState | null; to: OptionState; reason: string; incarnation?: number },
) {
  return auditEntry(tx, {
    rackSerial: option.rackSerial,
    action: entry.action,
    actor: entry.actor,
    actorId: null,
    occurredAt: entry.at,
    fromState: entry.from,
    toState: entry.to,
    reason: entry.reason,
    waiver: null,
    termsVersion: option.termsVersion,
    unitPrice: terms?.unitPrice ?? null,
    currency: terms?.currency.trim() ?? null,
    incarnation: entry.incarnation ?? option.incarnation,
  });
}

/**
 * A fact that crossed the exercise (CrossingOutcome `overruled`): the option stays as it is and the
 * audit trail says what arrived, from whom, and why it changed nothing. No event: the option did not move.
 */
export function recordOverruled(
  tx: Transaction,
  option: Pick<PurchaseOptionEntity, 'rackSerial' | 'state' | 'termsVersion' | 'incarnation'>,
  terms: Pick<OptionTermsEntity, 'unitPrice' | 'currency'> | null,
  entry: { action: Extract<AuditAction, 'WITHDRAWAL_OVERRULED' | 'REOPEN_OVERRULED'>; actor: string; at: Date; reason: string },
) {
  return auditFact(tx, option, terms, { ...entry, from: option.state, to: option.state });
}

/** Writes `changes` (columns other than the state) unless someone changed the option since it was read: then CONCURRENT_UPDATE, naming what was being applied. */
export async function saveUnlessChanged(
  tx: Transaction,
  option: Pick<PurchaseOptionEntity, 'rackSerial' | 'version'>,
  changes: Partial<PurchaseOptionEntity>,
  during: string,
): Promise<void> {
  if (!(await OptionRepository.updateUnlessChanged(tx.manager, option, changes))) throw changedWhile(option, during);
}

/** A version-guarded write of a fact that lost its race (409; nothing is written). */
function changedWhile(option: Pick<PurchaseOptionEntity, 'rackSerial'>, during: string): PurchaseOptionError {
  return new PurchaseOptionError(PurchaseOptionErrorCode.CONCURRENT_UPDATE, `option ${option.rackSerial} changed while ${during}`);
}

/**
 * Applies one checked transition: the version-guarded update (a lost race is a 409 and writes
 * nothing), the audit entries, OptionStateChanged, and the outcome event when the option ends —
 * all in the caller's transaction.
 */
export async function applyTransition(
  tx: Transaction,
  option: PurchaseOptionEntity,
  terms: OptionTermsEntity,
  command: TransitionCommand,
): Promise<PurchaseOptionEntity> {
  const from = option.state;
  const to = OptionStateMachine.transition(from, command.action, option.requestedFrom ?? undefined);
  const next: PurchaseOptionEntity = { ...option, ...command.changes, state: to, version: option.version + 1, updatedAt: command.at };
  if (!(await writeTransition(tx, option, to, command.changes ?? {}, command.at))) {
    throw new PurchaseOptionError(
      PurchaseOptionErrorCode.CONCURRENT_UPDATE,
      `option ${option.rackSerial} was changed by someone else at the same moment; it ends exactly once — reload and decide again`,
      [{ field: 'version', message: `expected version ${option.version}` }],
    );
  }
  const fact = {
    rackSerial: option.rackSerial,
    generation: option.generation,
    termsVersion: terms.version,
    unitPrice: terms.unitPrice,
    currency: terms.currency.trim(),
    occurredAt: command.at.toISOString(),
    actor: command.actor,
  };
  const entry = {
    ...auditFacts(fact),
    actorId: command.actorId ?? null,
    fromState: from,
    toState: to,
    reason: command.reason,
    waiver: command.waiver ?? null,
    incarnation: next.incarnation,
  };
  if (command.waiver) await auditEntry(tx, { ...entry, action: 'WAIVER_RECORDED' });
  await auditEntry(tx, { ...entry, action: AUDIT_ACTION[command.action] });
  const expiresAt = next.expiresAt ? { expiresAt: next.expiresAt.toISOString() } : {};
  tx.publish(OptionStateChanged, { ...fact, from, to, reason: command.reason, ...expiresAt });
  publishOutcome(tx, from, to, next, fact);
  return next;
}

/**
 * Intake withdrew a rack whose option has no terms yet (so no terms version to audit either): no price
 * to put on an event, so the option ends here, audited, and nobody else needs to hear.
 */
export async function withdrawWithoutTerms(
  tx: Transaction,
  option: PurchaseOptionEntity,
  reason: string,
  at: Date,
  changes: Partial<PurchaseOptionEntity>,
) {
  await transitionWithoutTerms(tx, option, { action: 'withdraw', actor: 'intake', at, reason, changes }, "intake's withdrawal was applied");
}

/**
 * The rack came back from an RMA while its generation has no active terms (it ended before any were
 * approved): the option reopens awaiting them, audited, without an event (no price to put on one);
 * the first terms approved attach to it as to any option waiting for terms.
 */
export async function reopenWithoutTerms(
  tx: Transaction,
  option: PurchaseOptionEntity,
  command: Omit<TransitionCommand, 'action' | 'actorId' | 'waiver'>,
): Promise<PurchaseOptionEntity> {
  return transitionWithoutTerms(tx, option, { ...command, action: 'reopen-after-rma' }, 'its return from an RMA was applied');
}

async function transitionWithoutTerms(
  tx: Transaction,
  option: PurchaseOptionEntity,
  command: TransitionCommand,
  during: string,
): Promise<PurchaseOptionEntity> {
  const to = OptionStateMachine.transition(option.state, command.action);
  const next: PurchaseOptionEntity = { ...option, ...command.changes, state: to, version: option.version + 1, updatedAt: command.at };
  if (!(await writeTransition(tx, option, to, command.changes ?? {}, command.at))) throw changedWhile(option, during);
  await auditFact(tx, next, null, {
    action: AUDIT_ACTION[command.action],
    actor: command.actor,
    at: command.at,
    from: option.state,
    to,
    reason: command.reason,
  });
  return next;
}

function auditFacts(fact: {
  rackSerial: string;
  actor: string;
  occurredAt: string;
  termsVersion: number;
  unitPrice: string;
  currency: string;
}) {
  return {
    rackSerial: fact.rackSerial,
    actor: fact.actor,
    occurredAt: new Date(fact.occurredAt),
    termsVersion: fact.termsVersion,
    unitPrice: fact.unitPrice,
    currency: fact.currency,
  };
}

function publishOutcome(
  tx: Transaction,
  from: OptionState,
  to: OptionState,
  option: PurchaseOptionEntity,
  fact: Omit<OptionEndedV1, 'rationale'>,
): void {
  const ended: OptionEndedV1 = {
    ...fact,
    from,
    rationale: option.decisionRationale ?? '',
    ...(option.waiver ? { waiver: option.waiver } : {}),
    ...(option.approvedBy ? { approvedBy: option.approvedBy } : {}),
  };
  if (to === 'EXERCISED') tx.publish(OptionExercised, { ...ended, actor: option.decidedBy ?? fact.actor });
  if (to === 'DECLINED') tx.publish(OptionDeclined, ended);
  if (to === 'LAPSED') tx.publish(OptionLapsed, ended);
  if (to === 'WITHDRAWN') tx.publish(OptionWithdrawn, ended);
}
