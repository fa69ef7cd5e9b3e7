import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** One figure beside the reference measured in the same run, and the target it is held to. */
export interface Figure {
  scenario: string;
  name: string;
  value: number;
  unit: string;
  reference?: { name: string; value: number; unit: string };
  /** value / reference.value (or the inverse where lower is better: stated in `ratioNote`). */
  ratio?: number;
  ratioNote?: string;
  /** A reference used before, measured in the same run and printed beside the current one (with the ratio against it). */
  previousReference?: { name: string; value: number; unit: string; ratio: number; ratioNote: string };
  target?: string;
  /** undefined when the figure has no target. */
  met?: boolean;
}

export class Report {
  readonly figures: Figure[] = [];
  readonly notes: string[] = [];
  readonly errors: Array<{ scenario: string; error: string }> = [];
  readonly details: Record<string, unknown> = {};

  add(figure: Figure): void {
    this.figures.push(figure);
  }

  note(text: string): void {
    this.notes.push(text);
  }

  table(): string {
    const fmt = (n: number) => (Math.abs(n) >= 100 ? Math.round(n).toLocaleString('en-US') : String(Number(n.toPrecision(3))));
    const rows = this.figures.map((f) => [
      f.scenario,
      f.name,
      `${fmt(f.value)} ${f.unit}`,
      [f.reference, f.previousReference]
        .filter((r) => r !== undefined)
        .map((r) => `${r.name}: ${fmt(r.value)} ${r.unit}`)
        .join(' · '),
      [
        f.ratio !== undefined ? `${fmt(f.ratio)}${f.ratioNote ? ` ${f.ratioNote}` : ''}` : '',
        f.previousReference ? `(${f.previousReference.name}: ${fmt(f.previousReference.ratio)} ${f.previousReference.ratioNote})` : '',
      ]
        .filter(Boolean)
        .join(' '),
      f.target ?? '',
      f.met === undefined ? '' : f.met ? 'MET' : 'MISSED',
    ]);
    const header = ['scenario', 'figure', 'value', 'reference (same run)', 'ratio', 'target', ''];
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
    const line = (cells: string[]) =>
      cells
        .map((c, i) => c.padEnd(widths[i]))
        .join('  ')
        .trimEnd();
    return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
  }

  write(dir: string, options: unknown): string {
    mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
    const machine = {
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model,
      memoryGiB: Math.round(os.totalmem() / 2 ** 30),
      loadAverage: os.loadavg(),
      node: process.version,
    };
    writeFileSync(
      file,
      `${JSON.stringify({ at: new Date().toISOString(), machine, options, figures: this.figures, notes: this.notes, errors: this.errors, details: this.details }, null, 2)}\n`,
    );
    return file;
  }
}

export const log = (text: string) => process.stdout.write(`${text}\n`);
