import { RackState } from '@rackeval/contracts';
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
