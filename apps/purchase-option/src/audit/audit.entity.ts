import type { OptionState } from '@rackeval/contracts';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const AUDIT_ACTIONS = [
  'OPENED',
  'EVALUATION_PASSED',
  'EVALUATION_FAILED',
  'REJECTED_AT_INTAKE',
  'EXERCISE_REQUESTED',
  'EXERCISED',
  'APPROVED',
  'REJECTED',
  'DECLINED',
  'WAIVER_RECORDED',
  'LAPSED',
  'WITHDRAWN',
  'EVALUATION_REOPENED',
  'RACK_CORRECTED',
  // A withdrawal or re-open that crossed an exercise: recorded, the exercise stands (option.state-machine.ts).
  'WITHDRAWAL_OVERRULED',
  'REOPEN_OVERRULED',
  // The rack came back from an RMA as its next incarnation: an ended option reopened (option.state-machine.ts `reopen-after-rma`).
  'REOPENED_AFTER_RMA',
  // The unit came back while its option had not ended (should not happen: a rack goes on an RMA only once its option ended); the option is left as it is.
  'RMA_RETURN_NOT_APPLIED',
  // A verdict or re-open about an earlier incarnation than the option's: recorded, changes nothing.
  'STALE_INCARNATION_IGNORED',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** Append-only (a trigger refuses UPDATE, DELETE and TRUNCATE): who did what to an option, when and why. */
@Entity('option_audit')
export class OptionAuditEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id: string;
  @Column() rackSerial: string;
  @Column({ type: 'text' }) action: AuditAction;
  /** Username (or the rule: results, intake, expiry), for display. */
  @Column() actor: string;
  /** Issuer + subject of a person; null for rules and entries written before it was kept. */
  @Column({ type: 'text', nullable: true }) actorId: string | null;
  @Column({ type: 'timestamptz' }) occurredAt: Date;
  @Column({ type: 'text', nullable: true }) fromState: OptionState | null;
  @Column({ type: 'text', nullable: true }) toState: OptionState | null;
  @Column() reason: string;
  @Column({ type: 'text', nullable: true }) waiver: string | null;
  @Column({ type: 'integer', nullable: true }) termsVersion: number | null;
  @Column({ type: 'numeric', nullable: true }) unitPrice: string | null;
  @Column({ type: 'text', nullable: true }) currency: string | null;
  /** The option's incarnation the entry concerns (1 for every entry before the first return from an RMA). */
  @Column({ type: 'integer', default: 1 }) incarnation: number;
}
