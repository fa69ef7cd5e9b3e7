/**
 * The policy table against the code: every operation in a service's OpenAPI document has a rule
 * (a new route without one fails the suite), every rule names a real operation, and every rule is
 * what the route's decorators make the guard enforce.
 */
import { describeRule, POLICY, PolicyService, SERVICE_NAMES } from '../policy/policy-table';
import { decoratedRoutes, OpenApiDocument, operationsOf, sameRule } from '../policy/route-inventory';
import { CheckOutcome, Violation } from '../support/outcome';

export function checkPolicyCoverage(documents: Record<PolicyService, OpenApiDocument>): CheckOutcome {
  const violations: Violation[] = [];
  let tried = 0;
  for (const service of SERVICE_NAMES) {
    const policy = POLICY[service];
    const documented = new Set(operationsOf(documents[service]).map((operation) => operation.key));
    const decorated = decoratedRoutes(service);
    const where = `tools/security/policy/policy-table.ts (${service})`;
    for (const key of new Set([...documented, ...decorated.keys(), ...Object.keys(policy)])) {
      tried++;
      const rule = policy[key];
      if (!rule) {
        violations.push({ what: `${service} ${key} has no rule in the policy table`, reproduce: `add '${key}' to ${where}` });
        continue;
      }
      if (!documented.has(key))
        violations.push({
          what: `${service} ${key} is in the policy but not in the OpenAPI document`,
          reproduce: `curl -s <${service}>/docs-json`,
        });
      const enforced = decorated.get(key);
      if (!enforced)
        violations.push({
          what: `${service} ${key} is in the policy but no controller declares it`,
          reproduce: `grep -rn "@Controller" apps/${service}/src`,
        });
      else if (!sameRule(rule, enforced)) {
        violations.push({
          what: `${service} ${key}: policy says "${describeRule(rule)}", the decorators say "${describeRule(enforced)}"`,
          reproduce: `compare ${where} with the route's @Roles/@Public in apps/${service}/src`,
        });
      }
    }
  }
  return { check: 'policy coverage', target: 'OpenAPI + decorators', tried, violations };
}
