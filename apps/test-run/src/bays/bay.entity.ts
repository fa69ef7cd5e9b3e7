import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('bay')
export class BayEntity {
  @PrimaryColumn() code: string;
  @Column() site: string;
  @Column({ type: 'timestamptz' }) createdAt: Date;
  @Column() createdBy: string;
}

export interface BayOccupant {
  runId: string;
  rackSerial: string;
  suite: string;
  state: string;
}

export interface BayView {
  code: string;
  site: string;
  /** True when no SCHEDULED or RUNNING run holds the bay. */
  free: boolean;
  occupiedBy: BayOccupant | null;
  createdAt: string;
  createdBy: string;
}
