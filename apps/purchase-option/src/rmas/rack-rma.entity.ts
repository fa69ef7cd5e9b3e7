import type { RmaReturnKind } from '@rackeval/contracts';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * What purchase-option knows of intake's RMAs, per rack (from RackShippedForRma and
 * RackReturnedFromRma): finance sees on the option when its rack left for the manufacturer and when,
 * as which incarnation, it came back. Either fact may be read first; each fills its own columns.
 */
@Entity('rack_rma')
export class RackRmaEntity {
  @PrimaryColumn() rackSerial: string;
  @PrimaryColumn({ type: 'uuid' }) rmaId: string;
  @Column() rmaNumber: string;
  @Column({ type: 'timestamptz', nullable: true }) shippedAt: Date | null;
  /** When the unit came back (or its replacement under a new serial was received); null while at the manufacturer. */
  @Column({ type: 'timestamptz', nullable: true }) receivedAt: Date | null;
  @Column({ type: 'integer', nullable: true }) incarnationAfter: number | null;
  @Column({ type: 'text', nullable: true }) returnKind: RmaReturnKind | null;
  /** The new serial the manufacturer sent in place of this rack (RackReceived.replacesSerial). */
  @Column({ type: 'text', nullable: true }) replacedBy: string | null;
  @Column({ type: 'timestamptz' }) recordedAt: Date;
}
