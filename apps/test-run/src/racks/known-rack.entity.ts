import type { RackState } from '@rackeval/contracts';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** What test-run knows of a rack, kept from intake's events (never read from intake). */
@Entity('known_rack')
export class KnownRackEntity {
  @PrimaryColumn() serial: string;
  @Column() generation: string;
  @Column({ type: 'text' }) state: RackState;
  @Column({ type: 'text', nullable: true }) site: string | null;
  @Column({ type: 'timestamptz' }) updatedAt: Date;
  /** Why intake put the rack on hold, while it is ON_HOLD (from RackHeld). */
  @Column({ type: 'text', nullable: true }) holdReason: string | null;
  /** 1 for the unit as first delivered; each return from an RMA under this serial adds one (RackReturnedFromRma). */
  @Column({ type: 'integer', default: 1 }) incarnation: number;
}

/** A generation intake registered; a test plan may only be published for one of these. */
@Entity('known_generation')
export class KnownGenerationEntity {
  @PrimaryColumn() code: string;
  @Column() name: string;
  @Column({ type: 'timestamptz' }) registeredAt: Date;
}
