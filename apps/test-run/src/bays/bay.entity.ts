import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('bay')
export class BayEntity {
  @PrimaryColumn() code: string;
  @Column() site: string;
  @Column({ type: 'timestamptz' }) createdAt: Date;
  @Column() createdBy: string;
}
