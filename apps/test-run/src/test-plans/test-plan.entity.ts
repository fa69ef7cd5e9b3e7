import { Column, Entity, PrimaryColumn } from 'typeorm';
import { TestPlanView } from './dto/test-plan.view';

/** One suite of a plan, as stored in the plan's jsonb column and carried on TestPlanPublished. */
export interface SuiteSpec {
  key: string;
  name: string;
  required: boolean;
  maxAttempts: number;
  metrics: string[];
}

/** One published version of a generation's test plan; versions are never changed, only added. */
@Entity('test_plan')
export class TestPlanEntity {
  @PrimaryColumn() generation: string;
  @PrimaryColumn({ type: 'integer' }) version: number;
  @Column({ type: 'jsonb' }) suites: SuiteSpec[];
  @Column({ type: 'timestamptz' }) publishedAt: Date;
  @Column() publishedBy: string;
}

export const toPlanView = (plan: TestPlanEntity): TestPlanView => ({
  generation: plan.generation,
  version: plan.version,
  suites: plan.suites,
  publishedAt: plan.publishedAt.toISOString(),
  publishedBy: plan.publishedBy,
});
