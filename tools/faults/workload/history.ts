import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export type OpType = 'invoke' | 'ok' | 'fail' | 'unknown';

/** One line of the history, as in Jepsen: a command's invocation and how it completed. */
export interface Op {
  /** Milliseconds since the scenario started. */
  t: number;
  type: OpType;
  /** The command, e.g. `deliver`, `inspect`, `decide`. */
  f: string;
  /** The key (rack serial) the command belongs to. */
  key: string;
  attempts?: number;
  status?: number;
  note?: string;
  value?: unknown;
}

/**
 * The scenario's history, kept in memory for the checker and written line by line to
 * test-artifacts/faults/<seed>-<scenario>.jsonl, so a failing run can be read afterwards.
 */
export class History {
  readonly ops: Op[] = [];
  /** Request attempts that got no answer within the client timeout, by when they started. */
  readonly unanswered: number[] = [];
  private readonly started = Date.now();

  constructor(readonly file: string) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, '');
  }

  now(): number {
    return Date.now() - this.started;
  }

  record(op: Omit<Op, 't'>): Op {
    const entry = { t: this.now(), ...op };
    this.ops.push(entry);
    appendFileSync(this.file, `${JSON.stringify(entry)}\n`);
    return entry;
  }

  /** A note that is not a command (a nemesis action, heal, a check), kept in the same file for reading. */
  note(key: string, note: string): void {
    appendFileSync(this.file, `${JSON.stringify({ t: this.now(), type: 'nemesis', key, note })}\n`);
  }

  completions(type: OpType): Op[] {
    return this.ops.filter((op) => op.type === type);
  }
}
