import { ScenarioRow, violates } from '../run-scenario';

const COLUMNS = [
  'scenario',
  'lost',
  'duplicated',
  'reordered',
  'stuck',
  'health-lies',
  'ok',
  'fail',
  'unknown',
  'poison parked',
  'settled s',
  'result',
];

/** One row per nemesis with each count; a scenario that could not run shows ERROR. */
export function table(rows: ScenarioRow[]): string {
  const cells = rows.map((row) => {
    const v = row.verdict;
    const n = (list?: unknown[]) => (v ? String(list?.length ?? 0) : '-');
    return [
      row.scenario,
      n(v?.lost),
      n(v?.duplicated),
      n(v?.reordered),
      n(v?.stuck),
      n(v?.healthLies),
      String(row.ok),
      String(row.fail),
      String(row.unknown),
      v ? String(v.poisonParked) : '-',
      v?.convergedAfterMs === undefined ? (v ? '>30' : '-') : (v.convergedAfterMs / 1000).toFixed(1),
      row.error ? 'ERROR' : violates(row) ? 'FAIL' : 'pass',
    ];
  });
  const widths = COLUMNS.map((title, i) => Math.max(title.length, ...cells.map((cell) => cell[i].length)));
  const line = (cell: string[]) =>
    `| ${cell.map((text, i) => (i === 0 ? text.padEnd(widths[i]) : text.padStart(widths[i]))).join(' | ')} |`;
  return [line(COLUMNS), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...cells.map(line)].join('\n');
}

/** The first few findings of each kind, so the console shows why a row failed. */
export function findings(row: ScenarioRow, limit = 4): string {
  const v = row.verdict;
  if (row.error) return `  ${row.scenario}: ${row.error.split('\n')[0]}`;
  if (!v) return '';
  const parts: string[] = [];
  const show = (title: string, list: string[]) => {
    if (!list.length) return;
    parts.push(`  ${row.scenario} ${title} (${list.length}):`, ...list.slice(0, limit).map((entry) => `    - ${entry}`));
    if (list.length > limit) parts.push(`    … ${list.length - limit} more in the verdict file`);
  };
  show('lost', v.lost);
  show('dead-lettered committed events', v.deadLettered);
  show('duplicated', v.duplicated);
  show('reordered', v.reordered);
  show('stuck', v.stuck);
  show('health lies', v.healthLies);
  return parts.join('\n');
}
