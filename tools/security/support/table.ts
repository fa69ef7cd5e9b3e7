/** A plain-text table with right-aligned numbers, for the terminal and the report. */
export function table(columns: string[], rows: Array<Array<string | number>>): string {
  const cells = rows.map((row) => row.map(String));
  const widths = columns.map((title, i) => Math.max(title.length, ...cells.map((cell) => cell[i].length)));
  const line = (cell: string[]) =>
    `| ${cell.map((text, i) => (i === 0 || !/^\d+$/.test(text) ? text.padEnd(widths[i]) : text.padStart(widths[i]))).join(' | ')} |`;
  return [line(columns), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...cells.map(line)].join('\n');
}
