import { ErrorDetail } from '@rackeval/platform';
import { MeasurementGate, OpenRun } from '../measurements/measurement-gate';
import { MeasurementRows } from '../measurements/measurement.repository';
import { ResultsError, ResultsErrorCode } from '../results.errors';
import { type ArtifactRecord, OcptvStreamParser } from './ocptv.parser';

/** Every bad line is counted; this many are listed, enough to fix a harness without a megabyte of errors. */
const MAX_LISTED = 1000;

/**
 * Checks OCPTV lines, whether they come as one stream (OcptvService) or in the chunks of an upload
 * (OcptvUploadService): each line's samples are admitted into `rows`, its artifacts and DUT kept,
 * and every bad line counted, so that one refusal can name them all.
 */
export class OcptvLineCheck {
  readonly records: ArtifactRecord[] = [];
  dut: Record<string, unknown> | undefined;
  bad = 0;
  private malformed = false;
  private readonly problems: ErrorDetail[] = [];

  constructor(
    private readonly parser: OcptvStreamParser,
    private readonly gate: MeasurementGate,
    private readonly open: OpenRun,
    private readonly rows: MeasurementRows,
  ) {}

  /** A bad line; `rule` when it breaks a rule of the run rather than OCPTV's format. */
  report(field: string, message: string, rule: boolean): void {
    this.bad += 1;
    this.malformed ||= !rule;
    if (this.problems.length < MAX_LISTED) this.problems.push({ field, message });
  }

  line(number: number, line: string): void {
    if (!line.trim()) return;
    const result = this.parser.parse(line);
    if (result.problem) this.report(`line ${number}`, result.problem.message, result.problem.rule);
    if (result.records && !this.bad) this.records.push(...result.records);
    if (result.dut) this.dut = result.dut;
    for (const sample of result.samples) {
      const problem = this.gate.admit(this.open, sample, this.rows);
      if (problem) this.report(`line ${number}`, problem.message, true);
    }
  }

  /** The end of the stream: what it leaves open is a bad line too. */
  finish(): void {
    for (const message of this.parser.finish()) this.report('end of stream', message, false);
  }

  /** The refusal naming the bad lines `where` they were found, or nothing when every line was good. */
  refusal(where: string): ResultsError | undefined {
    if (!this.bad) return undefined;
    const code = this.malformed ? ResultsErrorCode.MALFORMED_OCPTV : ResultsErrorCode.OCPTV_REJECTED;
    const listed = this.problems
      .slice(0, 5)
      .map((p) => `${p.field}: ${p.message}`)
      .join('; ');
    return new ResultsError(code, `${this.bad} bad line(s) ${where}: ${listed}`, this.problems);
  }
}
