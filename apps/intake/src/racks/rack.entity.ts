import { OptionState, RackState } from '@rackeval/contracts';
import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

@Entity('rack')
export class RackEntity {
  @PrimaryColumn('text') serial: string;
  @Column('text') deliveryReference: string;
  @Column('text') generation: string;
  @Column('text') lot: string;
  @Column('text') site: string;
  @Column('text') state: RackState;
  @Column('numeric') bomCost: string;
  @Column('character') bomCurrency: string;
  @Column('numeric') domesticContentPct: string;
  @Column('timestamptz') receivedAt: Date;
  @Column('timestamptz') updatedAt: Date;
  @Column('integer') version: number;
  /** While ON_HOLD: the state a release returns the rack to (facts arriving during the hold move it). */
  @Column('text', { nullable: true }) heldFrom: RackState | null;
  @Column('text', { nullable: true }) holdReason: string | null;
  @Column('text', { nullable: true }) heldBy: string | null;
  @Column('timestamptz', { nullable: true }) heldAt: Date | null;
  /** Set when the rack was withdrawn: its option ends with the withdrawal, so its return needs no option check. */
  @Column('timestamptz', { nullable: true }) withdrawnAt: Date | null;
  /** 1 as first delivered; one more each time the unit comes back repaired from an RMA under this serial. */
  @Column('integer', { default: 1 }) incarnation: number;
  /** Set on a unit the manufacturer sent under a new serial in place of this one, shipped under an RMA. */
  @Column('text', { nullable: true }) replacesSerial: string | null;
}

/**
 * What intake knows of each rack's purchase option, from purchase-option's OptionStateChanged
 * (never read from its tables): a rack is not returned while its option can still be exercised.
 */
@Entity('known_option')
export class KnownOptionEntity {
  @PrimaryColumn('text') rackSerial: string;
  @Column('text') state: OptionState;
  /** Time of the last event applied, so a replayed older event never moves it backwards. */
  @Column('timestamptz') lastEventAt: Date;
}

@Entity('bom_line')
export class BomLineEntity {
  @PrimaryColumn('text') rackSerial: string;
  @PrimaryColumn('integer') lineNo: number;
  @Column('text') partNumber: string;
  @Column('text') category: string;
  @Column('integer') quantity: number;
  @Column('numeric') unitCost: string;
  @Column('character') currency: string;
  @Column('text') supplier: string;
  @Column('character') countryOfOrigin: string;
}

@Entity('inspection')
export class InspectionEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('text') rackSerial: string;
  @Column('text') outcome: string;
  @Column('jsonb') checks: Array<{ name: string; passed: boolean; note?: string }>;
  @Column('text', { nullable: true }) note: string | null;
  @Column('text') inspectedBy: string;
  @Column('timestamptz') inspectedAt: Date;
}

@Entity('rack_history')
export class RackHistoryEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' }) seq: string;
  @Column('text') rackSerial: string;
  @Column('text', { nullable: true }) fromState: RackState | null;
  @Column('text') toState: RackState;
  @Column('text') actor: string;
  @Column('text') reason: string;
  @Column('timestamptz') occurredAt: Date;
  /** The event of another service that caused the transition; null when a person did it over HTTP. */
  @Column('text', { nullable: true }) causeEventId: string | null;
  /** The RackStateChanged event this transition published. */
  @Column('text', { nullable: true }) eventId: string | null;
}

@Entity('deferred_rack_event')
export class DeferredRackEventEntity {
  @PrimaryColumn('text') eventId: string;
  @Column('text') rackSerial: string;
  @Column('text') fact: string;
  @Column('text') actor: string;
  @Column('text') reason: string;
  @Column('timestamptz') occurredAt: Date;
  @Column('timestamptz') deferredAt: Date;
  @Column('timestamptz', { nullable: true }) resolvedAt: Date | null;
  @Column('text', { nullable: true }) resolution: string | null;
}
