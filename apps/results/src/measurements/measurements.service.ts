import { Injectable } from '@nestjs/common';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { UnitOfWork } from '@rackeval/messaging';
import { Cursor, Page } from '@rackeval/platform';
import { DataSource } from 'typeorm';
import { ResultsError, ResultsErrorCode } from '../results.errors';
import { RunRepository } from '../run-mirror/run.repository';
import { CorrectionDto, MeasurementListQuery } from './dto/measurement.dto';
import { MeasurementBatch, parseMeasurements } from './measurement-batch.parser';
import { MeasurementGate, OpenRun } from './measurement-gate';
import { countIngested } from './measurement-metrics';
import { MeasurementRepository, MeasurementRow } from './measurement.repository';

/** Items checked while the run is read: about as long as its queries take. */
const FIRST_CHECKED = 2_000;

export interface BatchReceipt {
  runId: string;
  accepted: number;
  byMetric: Record<string, number>;
  /** True when the run had completed and was judged again. */
  rejudged: boolean;
}

@Injectable()
export class MeasurementsService {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly gate: MeasurementGate,
    private readonly dataSource: DataSource,
  ) {}

  /**
   * The batch's items are checked while PostgreSQL works: the first chunk while the run is being
   * read, the rest a chunk ahead of the COPY (see `MeasurementGate.writeAll`). A bad item still
   * refuses the batch with the 400 it always had, before any answer about the run (404, 409) or
   * its Idempotency-Key, and nothing is written.
   */
  async record(runId: string, body: unknown, actor: string): Promise<BatchReceipt> {
    const batch = MeasurementBatch.fromBody(body);
    let stored = 0; // stays 0 when an idempotent retry answers from the first request
    const receipt = await this.unitOfWork
      .runOnce(async (tx) => {
        const opening = this.gate.open(tx, runId);
        const open = await checkedWhile(batch, opening);
        const rows = await this.gate.writeAll(tx, open, batch, 'measurements', { actor, source: 'api' });
        await this.gate.afterWrite(open, tx, { actor, reason: `late measurements of run ${runId}` });
        stored = rows.length;
        return { runId, accepted: rows.length, byMetric: rows.countByMetric(), rejudged: open.late };
      })
      .catch((error: unknown) => {
        // Whatever refused the batch (its run, its Idempotency-Key, its samples), a bad item is answered first.
        batch.checkAll();
        throw error;
      });
    countIngested('batch', stored);
    return receipt;
  }

  /** Supersedes the current values of one metric (optionally one component) with new ones and a reason. */
  async correct(runId: string, body: CorrectionDto, actor: string) {
    const items = parseMeasurements(body.measurements, 'measurements', { min: 0 });
    let stored = 0;
    const receipt = await this.unitOfWork.runOnce(async (tx) => {
      const open = await this.gate.open(tx, runId, new Date(), 'correction');
      const outside = items.findIndex(
        (item) => item.metric !== body.metric || (body.component !== undefined && item.component !== body.component),
      );
      if (outside >= 0) {
        const field = `measurements[${outside}]`;
        const message = `a correction of ${body.metric}${body.component ? ` on ${body.component}` : ''} may only carry values of that metric and component`;
        throw new ResultsError(ResultsErrorCode.INVALID_MEASUREMENT, `${field}: ${message}`, [{ field, message }]);
      }
      const correctionId = await MeasurementRepository.createCorrection(tx.manager, runId, { ...body, actor });
      const superseded = await MeasurementRepository.supersede(tx.manager, runId, body.metric, body.component, correctionId);
      if (!superseded) {
        throw new ResultsError(
          ResultsErrorCode.NOTHING_TO_CORRECT,
          `run ${runId} has no current values of ${body.metric}${body.component ? ` on ${body.component}` : ''} to correct`,
        );
      }
      const rows = await this.gate.writeAll(tx, open, items, 'measurements', { actor, source: 'api', correctionId });
      await this.gate.afterWrite(open, tx, { actor, reason: body.reason });
      stored = rows.length;
      return { runId, correctionId, metric: body.metric, component: body.component, reason: body.reason, superseded, added: rows.length };
    });
    countIngested('correction', stored);
    return receipt;
  }

  async list(runId: string, query: MeasurementListQuery): Promise<Page<MeasurementRow>> {
    const manager = this.dataSource.manager;
    if (!(await RunRepository.find(manager, runId))) throw new ResultsError(ResultsErrorCode.UNKNOWN_RUN, `run ${runId} is unknown`);
    const [afterId] = Cursor.decode(query.cursor, ['bigint'] as const) ?? [];
    const rows = await MeasurementRepository.list(manager, runId, { ...query, afterId });
    return Cursor.page(
      rows,
      query.limit,
      (row) => [row.id],
      (row) => row,
    );
  }
}

/** Checks the batch's first chunk while `opening` (the run's queries) is under way. */
async function checkedWhile(batch: MeasurementBatch, opening: Promise<OpenRun>): Promise<OpenRun> {
  // One turn first: the query is sent to PostgreSQL only once the driver's promise chain has run.
  await nextTurn();
  try {
    batch.checkTo(FIRST_CHECKED);
  } catch (error) {
    await opening.catch(() => undefined);
    throw error;
  }
  return opening;
}
