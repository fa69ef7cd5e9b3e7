import { CoolingType } from '@rackeval/contracts';
import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('generation')
export class GenerationEntity {
  @PrimaryColumn('text') code: string;
  @Column('text') name: string;
  @Column('text') cooling: CoolingType;
  @Column('numeric') rackPowerBudgetKw: string;
  @Column('integer') gpusPerRack: number;
  @Column('numeric') domesticContentTargetPct: string;
  @Column('text') registeredBy: string;
  @Column('timestamptz') registeredAt: Date;
}
