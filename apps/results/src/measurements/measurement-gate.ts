import { Inject, Injectable } from '@nestjs/common';
import { Transaction } from '@rackeval/messaging';
import { ErrorDetail, SERVICE_CONFIG } from '@rackeval/platform';
import { CriteriaRepository } from '../criteria/criteria.repository';
import { CriteriaService } from '../criteria/criteria.service';
import { ResultsConfig } from '../config';
import { EvaluationsService } from '../evaluations/evaluations.service';
import { ResultsError, ResultsErrorCode } from '../results.errors';
import { measurementWindow } from '../run-mirror/run-acceptance.rules';
import { RunRecord, RunRepository } from '../run-mirror/run.repository';
import { StandingService } from '../standing/standing.service';
import type { CriterionRule } from '../verdicts/run-verdict.rules';
import { VerdictsService } from '../verdicts/verdicts.service';
import { MeasurementBatch, type MeasurementInput } from './measurement-batch.parser';
import { MeasurementRows, MeasurementStamp } from './measurement.repository';
import { acceptedUnits, converter } from './units';

/** Rows of a JSON batch formatted before they are handed to the COPY. */
const COPY_CHUNK_ROWS = 2_000;
/**
 * The first chunk is sent sooner: PostgreSQL stores nothing until it arrives, so formatting a
 * whole chunk first kept it idle (3–5 ms of a 10,000-row batch); it then stores these rows while
 * the rest of the chunk is formatted.
 */
const FIRST_COPY_ROWS = 200;

/** A run open for measurements, with what its samples are checked against. */
export interface OpenRun {
  run: RunRecord;
  /** Logged after completion, within the grace period: the run is judged again. */
  late: boolean;
  metrics: ReadonlySet<string>;
  rules: ReadonlyMap<string, CriterionRule>;
}

export interface SampleProblem extends ErrorDetail {
  code: Extract<ResultsErrorCode, 'METRIC_NOT_REPORTED' | 'UNIT_MISMATCH'>;
}

/** The rules every way of logging measurements shares (JSON batches, corrections, OCPTV streams). */
@Injectable()
export class MeasurementGate {
  constructor(
    @Inject(SERVICE_CONFIG) private readonly config: ResultsConfig,
    private readonly criteria: CriteriaService,
    private readonly verdicts: VerdictsService,
    private readonly evaluations: EvaluationsService,
    private readonly standing: StandingService,
  ) {}

  /**
   * The run, locked FOR SHARE so its completion waits for this write; refused when unknown or closed.
   * A batch is taken while RUNNING or within the grace period; a correction of a completed run until
   * the rack's option ends (EVALUATION_CLOSED).
   */
  async open(tx: Transaction, runId: string, now = new Date(), purpose: 'batch' | 'correction' = 'batch'): Promise<OpenRun> {
    const run = await RunRepository.find(tx.manager, runId, 'share');
    if (!run) throw new ResultsError(ResultsErrorCode.UNKNOWN_RUN, `run ${runId} is unknown here (runs are learnt from test-run's events)`);
    const { open, late } = measurementWindow(run, this.config.COMPLETED_GRACE_SECONDS, now, purpose);
    if (!open) {
      const since = run.endedAt ? ` since ${run.endedAt}` : '';
      const rule =
        purpose === 'correction'
          ? "corrections are accepted while RUNNING or, once COMPLETED, until the rack's option ends"
          : `measurements are accepted while RUNNING or up to ${this.config.COMPLETED_GRACE_SECONDS} s after completion (later, send a correction)`;
      // A run not yet started may still open (test-run's event is on its way); an ended one never reopens.
      throw new ResultsError(ResultsErrorCode.RUN_NOT_OPEN, `run ${runId} is ${run.state}${since}; ${rule}`, [], {
        final: run.state === 'COMPLETED' || run.state === 'ABORTED',
      });
    }
    const closed = late ? await this.standing.closedBecause(tx.manager, run.rackSerial) : undefined;
    if (closed) {
      throw new ResultsError(
        ResultsErrorCode.EVALUATION_CLOSED,
        `rack ${run.rackSerial}'s evaluation is closed (${closed}); measurements of run ${runId} can no longer change it`,
        [{ field: 'runId', message: closed }],
      );
    }
    const version = run.criteriaVersion ?? (await CriteriaRepository.versionAt(tx.manager, run.generation, now.toISOString()));
    const rules = version === undefined ? [] : await this.criteria.rulesFor(tx.manager, run.generation, version, run.metrics);
    return { run, late, metrics: new Set(run.metrics), rules: new Map(rules.map((rule) => [rule.metric, rule])) };
  }

  /**
   * Appends a sample, normalised to its criterion's unit, or returns why it is refused; the
   * problem's `field` is the sample's own (`metric`, `unit`): the caller knows where the sample was.
   */
  admit(open: OpenRun, item: MeasurementInput, into: MeasurementRows): SampleProblem | undefined {
    if (!open.metrics.has(item.metric)) {
      return {
        code: ResultsErrorCode.METRIC_NOT_REPORTED,
        field: 'metric',
        message: `suite ${open.run.suite} does not report ${item.metric} (it reports ${[...open.metrics].join(', ')})`,
      };
    }
    const rule = open.rules.get(item.metric);
    const unit = rule?.unit ?? item.unit;
    const convert = converter(item.unit, unit);
    if (!convert) {
      return {
        code: ResultsErrorCode.UNIT_MISMATCH,
        field: 'unit',
        message: `${item.metric} is judged in ${unit}; ${item.unit} is not accepted (accepted: ${acceptedUnits(unit).join(', ')})`,
      };
    }
    into.push(item.metric, convert(item.value), unit, item.value, item.unit, item.component, item.observedAt);
    return undefined;
  }

  /**
   * Writes a batch's samples, all admitted or the batch refused naming each offending item. Rows
   * go to one COPY in chunks while the rest are still being admitted, so PostgreSQL stores while
   * the service formats; a refusal cancels the COPY and nothing is stored.
   */
  async writeAll(
    tx: Transaction,
    open: OpenRun,
    items: readonly MeasurementInput[] | MeasurementBatch,
    field: string,
    stamp: MeasurementStamp,
  ): Promise<MeasurementRows> {
    // A batch not checked yet is checked a chunk ahead of the rows admitted; a bad item anywhere
    // refuses it (400) before any refusal of its samples (422), as if it had been checked first.
    const batch = items instanceof MeasurementBatch ? items : undefined;
    const list = batch ? batch.items : (items as readonly MeasurementInput[]);
    const rows = new MeasurementRows(open.run.runId, stamp);
    const problems: SampleProblem[] = [];
    const copy = await MeasurementRows.openCopy(tx.manager);
    try {
      for (let i = 0; i < list.length; i++) {
        if (i % COPY_CHUNK_ROWS === 0) batch?.checkTo(i + COPY_CHUNK_ROWS);
        const problem = this.admit(open, list[i], rows);
        if (problem) {
          if (problems.push({ ...problem, field: `${field}[${i}].${problem.field}` }) >= 100) break;
        } else if (!problems.length && (rows.length % COPY_CHUNK_ROWS === 0 || rows.length === FIRST_COPY_ROWS))
          await copy.write(rows.take());
      }
      batch?.checkTo(list.length);
      if (problems.length) throw refusal(problems, `run ${open.run.runId}: nothing was written`);
      await copy.end(rows.take());
      return rows;
    } catch (error) {
      await copy.abort(error instanceof Error ? error.message : String(error));
      throw error;
    }
  }

  /**
   * After a late write the run is judged again (a new verdict revision) and the rack re-assessed: a
   * concluded evaluation whose outcome changes is re-opened and concluded again (cause CORRECTION).
   */
  async afterWrite(open: OpenRun, tx: Transaction, why: { actor: string; reason: string }): Promise<void> {
    if (!open.late) return;
    await this.verdicts.judge(open.run, tx);
    await this.evaluations.reassess(open.run.rackSerial, tx, why);
  }
}

export function refusal(problems: SampleProblem[], context: string): ResultsError {
  const details = problems.map(({ field, message }) => ({ field, message }));
  return new ResultsError(problems[0].code, `${context}: ${details.map((d) => `${d.field}: ${d.message}`).join('; ')}`, details);
}
