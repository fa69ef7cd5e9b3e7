import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One published version of a generation's option terms; never changed once written. */
@Entity('option_terms')
export class OptionTermsEntity {
  @PrimaryColumn() generation: string;
  @PrimaryColumn({ type: 'integer' }) version: number;
  @Column({ type: 'numeric' }) unitPrice: string;
  @Column({ type: 'char', length: 3 }) currency: string;
  @Column({ type: 'integer' }) windowDays: number;
  @Column({ type: 'numeric' }) approvalThreshold: string;
  @Column() publishedBy: string;
  @Column({ type: 'timestamptz' }) publishedAt: Date;
}
