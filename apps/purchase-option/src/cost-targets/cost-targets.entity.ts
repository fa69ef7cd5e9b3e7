import { Column, Entity, PrimaryColumn } from 'typeorm';
import { VersionReviewColumns } from '../terms/terms.entity';

/** One proposed version of a generation's cost targets; never changed once written (append-only). A null target is not set. */
@Entity('cost_targets')
export class CostTargetsEntity {
  @PrimaryColumn() generation: string;
  @PrimaryColumn({ type: 'integer' }) version: number;
  /** The currency of every money target (and of the energy price). */
  @Column({ type: 'char', length: 3 }) currency: string;
  /** The unit of measured performance the per-unit targets are stated in, e.g. tokens/s. */
  @Column({ type: 'text', nullable: true }) performanceUnit: string | null;
  @Column({ type: 'numeric', nullable: true }) maxUnitPrice: string | null;
  @Column({ type: 'numeric', nullable: true }) maxPricePerPerformanceUnit: string | null;
  @Column({ type: 'numeric', nullable: true }) energyPricePerKwh: string | null;
  @Column({ type: 'numeric', nullable: true }) pue: string | null;
  @Column({ type: 'numeric', nullable: true }) horizonYears: string | null;
  @Column({ type: 'numeric', nullable: true }) maxTcoPerPerformanceUnit: string | null;
  @Column({ type: 'text', nullable: true }) note: string | null;
  @Column() proposedBy: string;
  @Column() proposedById: string;
  @Column({ type: 'timestamptz' }) proposedAt: Date;
}

/** Approved, a version becomes the generation's active targets. */
@Entity('cost_targets_review')
export class CostTargetsReviewEntity extends VersionReviewColumns {}
