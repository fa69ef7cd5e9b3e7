import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One proposed version of a generation's option terms; never changed once written (append-only). */
@Entity('option_terms')
export class OptionTermsEntity {
  @PrimaryColumn() generation: string;
  @PrimaryColumn({ type: 'integer' }) version: number;
  @Column({ type: 'numeric' }) unitPrice: string;
  @Column({ type: 'char', length: 3 }) currency: string;
  @Column({ type: 'integer' }) windowDays: number;
  @Column({ type: 'numeric' }) approvalThreshold: string;
  /** Who proposed it (username, shown) and when. */
  @Column() publishedBy: string;
  @Column({ type: 'timestamptz' }) publishedAt: Date;
  /** The proposer's issuer + subject; null for versions published before four-eyes. */
  @Column({ type: 'text', nullable: true }) proposedById: string | null;
}

/** The one decision on a proposed version of terms or cost targets: approved or rejected, by whom and why. Append-only. */
export abstract class VersionReviewColumns {
  @PrimaryColumn() generation: string;
  @PrimaryColumn({ type: 'integer' }) version: number;
  @Column() approved: boolean;
  @Column() reviewedBy: string;
  @Column() reviewedById: string;
  @Column() note: string;
  @Column({ type: 'timestamptz' }) reviewedAt: Date;
}

/** Approved, a version becomes the generation's active terms. */
@Entity('option_terms_review')
export class TermsReviewEntity extends VersionReviewColumns {}
