import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('delivery')
export class DeliveryEntity {
  @PrimaryColumn('text') reference: string;
  @Column('text') site: string;
  @Column('timestamptz') receivedAt: Date;
  /** Hash of the canonical request: a re-send must match it to be answered as the same delivery. */
  @Column('text') requestHash: string;
  @Column('text') registeredBy: string;
  @Column('timestamptz') registeredAt: Date;
}
