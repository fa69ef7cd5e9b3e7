// The security suite's judges (tools/security), checked without a running system: a judge that
// passes everything would make `npm run test:security` green for nothing.
import { ROLES } from '@rackeval/auth';
import { mayCall } from '../security/checks/authz-matrix';
import { Caller } from '../security/checks/callers';
import { FORMULA_PREFIXES, formula, startsAsFormula } from '../security/checks/csv-injection';
import { SERVICES, parseCsv } from '@rackeval/testing';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { APPEND_ONLY } from '../security/checks/database-privileges';
import { POLICY, SERVICE_NAMES, throughGateway } from '../security/policy/policy-table';
import { policyDocIsCurrent } from '../security/policy/render-policy';
import { decoratedRoutes, sameRule } from '../security/policy/route-inventory';

const viewer: Caller = { name: 'viewer', role: 'viewer', token: 'x' };
const roleless: Caller = { name: 'no roles', token: 'x', roleless: true };
const anonymous: Caller = { name: 'no token' };

describe('security suite judges', () => {
  it('refuses a role the rule does not name, a role-less token and no token', () => {
    expect(mayCall(['finance'], viewer)).toBe(false);
    expect(mayCall(['finance', 'viewer'], viewer)).toBe(true);
    expect(mayCall(ROLES, roleless)).toBe(false);
    expect(mayCall(ROLES, anonymous)).toBe(false);
    expect(mayCall('any-token', roleless)).toBe(true);
    expect(mayCall('any-token', anonymous)).toBe(false);
    expect(mayCall('ticket', viewer)).toBe(false);
    expect(mayCall('public', anonymous)).toBe(true);
  });

  it('needs a role through the gateway even where the service itself is public', () => {
    expect(mayCall(throughGateway('public'), anonymous)).toBe(false);
    expect(mayCall(throughGateway('any-token'), roleless)).toBe(false);
    expect(throughGateway(['finance'])).toEqual(['finance']);
  });

  it('sees every planted prefix as a formula until it is neutralised', () => {
    for (const prefix of FORMULA_PREFIXES) {
      expect(startsAsFormula(formula(prefix, 'M'))).toBe(true);
      expect(startsAsFormula(`'${formula(prefix, 'M')}`)).toBe(false);
    }
  });

  it('reads quoted CSV cells with commas, quotes and line breaks', () => {
    expect(parseCsv('a,"b,""c""\r\nd",e\r\n\'=1,2\r\n')).toEqual([
      ['a', 'b,"c"\r\nd', 'e'],
      ["'=1", '2'],
    ]);
  });

  it('has one rule per declared route, equal to what the decorators enforce', () => {
    for (const service of SERVICE_NAMES) {
      for (const [route, enforced] of decoratedRoutes(service)) {
        const rule = POLICY[service][route];
        expect({ service, route, rule: rule && sameRule(rule, enforced) }).toEqual({ service, route, rule: true });
      }
    }
  });

  it('has no rule for a route no controller declares (inherited handlers count, as Nest serves them)', () => {
    for (const service of SERVICE_NAMES) {
      const declared = decoratedRoutes(service);
      const undeclared = Object.keys(POLICY[service]).filter((route) => !declared.has(route));
      expect({ service, undeclared }).toEqual({ service, undeclared: [] });
    }
  });

  it('attacks every table a migration makes append-only, and no other', () => {
    for (const service of SERVICES) {
      const dir = join(__dirname, '..', '..', 'apps', service, 'src', 'migrations');
      const declared = new Set<string>();
      for (const file of readdirSync(dir).filter((name) => name.endsWith('.ts'))) {
        const text = readFileSync(join(dir, file), 'utf8');
        // appendOnly(queryRunner, 'table') and for (const table of ['a', 'b']) … appendOnly(queryRunner, table)
        for (const call of text.matchAll(/appendOnly\(queryRunner, '(\w+)'/g)) declared.add(call[1]);
        for (const loop of text.matchAll(/for \(const table of \[([^\]]+)\]\)[\s\S]{0,400}?appendOnly\(queryRunner, table/gs))
          for (const name of loop[1].matchAll(/'(\w+)'/g)) declared.add(name[1]);
      }
      expect({ service, tables: Object.keys(APPEND_ONLY[service]).sort() }).toEqual({ service, tables: [...declared].sort() });
    }
  });

  it('is shown as it is in SECURITY.md', () => {
    expect(policyDocIsCurrent()).toBe(true);
  });
});
