import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { CallerTally, MatrixRow } from '../checks/authz-matrix';
import type { FuzzRow } from '../checks/body-fuzz';
import { ARTIFACTS } from './log';
import { CheckOutcome, verdict } from './outcome';
import { table } from './table';

export interface SuiteReport {
  seed: number;
  minutes: string;
  outcomes: CheckOutcome[];
  matrix: MatrixRow[];
  tally?: CallerTally;
  fuzz: FuzzRow[];
}

const SHOWN_PER_CHECK = 6;

/** The tables printed at the end of a run, and the whole report in test-artifacts/security/. */
export function printReport(report: SuiteReport): string {
  const parts: string[] = [`\nrackeval security suite, seed ${report.seed}, ${report.minutes} min\n`];
  if (report.matrix.length) {
    parts.push(
      'Authorisation matrix (allowed: callers the policy lets in, who must not be refused; denied: everyone else, who must get 401/403)\n',
      table(
        ['service', 'via', 'operations', 'allowed checks', 'denied checks', 'violations'],
        report.matrix.map((row) => [row.service, row.via, row.operations, row.allowed, row.denied, row.violations.length]),
      ),
      '',
    );
  }
  if (report.tally) {
    const rows = [...report.tally].filter(([name]) => !/^(intake|test-engineer|finance|admin|viewer)$/.test(name));
    parts.push(
      'JWT attacks (every operation, each service directly and through the gateway)\n',
      table(
        ['token', 'direct', 'gateway', 'let through'],
        rows.map(([name, t]) => [name, t.direct, t.gateway, t.violations]),
      ),
      '',
    );
  }
  if (report.fuzz.length) {
    parts.push(
      'Body fuzzing (bodies from the OpenAPI request schemas, as an allowed role)\n',
      table(
        ['service', 'operations', 'bodies', 'accepted', 'refused', 'violations'],
        report.fuzz.map((row) => [row.service, row.operations, row.bodies, row.accepted, row.refused, row.violations]),
      ),
      '',
    );
  }
  parts.push(
    'Summary\n',
    table(
      ['check', 'target', 'tried', 'violations', 'result'],
      report.outcomes.map((o) => [o.check, o.skipped ? `${o.target} — ${o.skipped}` : o.target, o.tried, o.violations.length, verdict(o)]),
    ),
    '',
  );
  for (const outcome of report.outcomes.filter((o) => o.violations.length)) {
    parts.push(`${outcome.check}: ${outcome.violations.length} violation(s)`);
    for (const violation of outcome.violations.slice(0, SHOWN_PER_CHECK)) parts.push(`  - ${violation.what}\n    ${violation.reproduce}`);
    if (outcome.violations.length > SHOWN_PER_CHECK) parts.push(`  … ${outcome.violations.length - SHOWN_PER_CHECK} more in the report`);
  }
  const file = path.join(ARTIFACTS, `report-${report.seed}.json`);
  const json = { ...report, tally: report.tally ? Object.fromEntries(report.tally) : undefined };
  writeFileSync(file, JSON.stringify(json, null, 2));
  parts.push(
    `\nreport: ${path.relative(process.cwd(), file)}; service logs: ${path.relative(process.cwd(), path.join(ARTIFACTS, 'services.log'))}; replay: npm run test:security -- --seed ${report.seed}\n`,
  );
  return parts.join('\n');
}
