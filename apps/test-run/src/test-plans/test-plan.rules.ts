import { ErrorDetail, RequestValidationError } from '@rackeval/platform';
import { SuiteSpec } from './test-plan.entity';

/** Rules across suites that field validation cannot see: unique suite keys, unique metrics per suite. */
export function planViolations(suites: SuiteSpec[]): ErrorDetail[] {
  const violations: ErrorDetail[] = [];
  const firstByKey = new Map<string, number>();
  suites.forEach((suite, index) => {
    const first = firstByKey.get(suite.key);
    if (first === undefined) firstByKey.set(suite.key, index);
    else violations.push({ field: `suites[${index}].key`, message: `suite key ${suite.key} is already used by suites[${first}]` });
    const seen = new Set<string>();
    suite.metrics.forEach((metric, m) => {
      if (seen.has(metric)) violations.push({ field: `suites[${index}].metrics[${m}]`, message: `metric ${metric} is listed twice` });
      seen.add(metric);
    });
  });
  return violations;
}

export function assertValidPlan(suites: SuiteSpec[]): void {
  const violations = planViolations(suites);
  if (violations.length) throw new RequestValidationError(violations, 'the test plan is invalid');
}

/** Plain copies, so the stored jsonb and the event carry exactly these fields. */
export const toSuiteSpecs = (suites: SuiteSpec[]): SuiteSpec[] =>
  suites.map(({ key, name, required, maxAttempts, metrics }) => ({ key, name, required, maxAttempts, metrics: [...metrics] }));
