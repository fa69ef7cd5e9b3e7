import type { AbortCause, RunState } from '@rackeval/contracts';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A run records the plan facts it was scheduled under, so a later plan version never changes it. */
@Entity('run')
export class RunEntity {
  @PrimaryColumn({ type: 'uuid' }) id: string;
  /** Insertion order, for keyset pagination. */
  @Column({ type: 'bigint', insert: false, update: false }) seq: string;
  @Column() rackSerial: string;
  @Column() generation: string;
  @Column() suite: string;
  @Column() suiteName: string;
  /** The rack's incarnation the run evaluates: attempts are numbered and counted within it. */
  @Column({ type: 'integer' }) incarnation: number;
  @Column({ type: 'integer' }) attempt: number;
  @Column({ type: 'integer' }) maxAttempts: number;
  @Column({ type: 'boolean' }) required: boolean;
  @Column({ type: 'integer' }) planVersion: number;
  @Column({ type: 'jsonb' }) metrics: string[];
  @Column() bay: string;
  @Column() site: string;
  @Column({ type: 'text' }) state: RunState;
  /** Optimistic lock: every transition is an UPDATE … WHERE version = the version read. */
  @Column({ type: 'integer' }) version: number;
  @Column({ type: 'timestamptz' }) scheduledAt: Date;
  @Column() scheduledBy: string;
  @Column({ type: 'timestamptz', nullable: true }) startedAt: Date | null;
  @Column({ type: 'text', nullable: true }) startedBy: string | null;
  @Column({ type: 'timestamptz', nullable: true }) completedAt: Date | null;
  @Column({ type: 'text', nullable: true }) completedBy: string | null;
  @Column({ type: 'timestamptz', nullable: true }) abortedAt: Date | null;
  @Column({ type: 'text', nullable: true }) abortedBy: string | null;
  @Column({ type: 'text', nullable: true }) abortReason: string | null;
  /** Only DEVICE uses up the attempt (abortConsumesAttempt in the contracts). */
  @Column({ type: 'text', nullable: true }) abortCause: AbortCause | null;
}

/** Who moved a run from which state to which, when and why. */
@Entity('run_transition')
export class RunTransitionEntity {
  @PrimaryColumn({ type: 'bigint', insert: false }) id: string;
  @Column({ type: 'uuid' }) runId: string;
  @Column({ type: 'text', nullable: true }) fromState: RunState | null;
  @Column({ type: 'text' }) toState: RunState;
  @Column() actor: string;
  @Column({ type: 'timestamptz' }) at: Date;
  @Column({ type: 'text', nullable: true }) reason: string | null;
}
