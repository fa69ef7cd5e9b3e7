import type { Transaction } from '@rackeval/messaging';
import type { JsonArrayStream } from '@rackeval/platform';
import { MAX_BATCH } from './dto/measurement.dto';
import { isGoodItem } from './measurement-batch.parser';
import { MeasurementGate, OpenRun } from './measurement-gate';
import { MeasurementRows, MeasurementStamp } from './measurement.repository';

/** Rows handed to the COPY at a time, and the first, smaller handful (as `MeasurementGate.writeAll`). */
const COPY_CHUNK_ROWS = 2_000;
const FIRST_COPY_ROWS = 200;

/**
 * Anything the streamed path does not take at once (a bad item, a refused sample, a count out of
 * bounds, a body not of the plain form): the batch is then answered from its whole body, the usual way.
 */
export class NotTakenAsStreamed extends Error {}

/**
 * A batch written while its body still arrives: the run is read while the first items are parsed,
 * and each network chunk's items go to the COPY as they come. Only a batch every item and sample of
 * which is good is written; the first problem of any kind stops it (`NotTakenAsStreamed`, or the
 * run's refusal) and the caller answers from the whole body, so the answer is the parsed body's.
 */
export async function writeStreamed(
  gate: MeasurementGate,
  tx: Transaction,
  runId: string,
  body: JsonArrayStream,
  stamp: MeasurementStamp,
): Promise<{ open: OpenRun; rows: MeasurementRows }> {
  const opening = gate.open(tx, runId);
  // Heard at once: the run may be refused while the first items are still awaited.
  opening.catch(() => undefined);
  let items: unknown[] | undefined;
  try {
    items = await body.next();
  } catch (error) {
    await opening.catch(() => undefined);
    throw error;
  }
  const open = await opening;
  const rows = new MeasurementRows(runId, stamp);
  const copy = await MeasurementRows.openCopy(tx.manager);
  try {
    for (; items; items = await body.next()) {
      if (rows.length + items.length > MAX_BATCH) throw new NotTakenAsStreamed('too many items');
      for (const item of items) {
        // A good item holds no U+0000 (names by pattern, components checked): the global pipe's check is met.
        if (!isGoodItem(item) || gate.admit(open, item, rows)) throw new NotTakenAsStreamed('a bad item or sample');
        if (rows.length % COPY_CHUNK_ROWS === 0 || rows.length === FIRST_COPY_ROWS) await copy.write(rows.take());
      }
      // What a network chunk brought goes to PostgreSQL before waiting for the next one.
      await copy.write(rows.take());
    }
    if (!rows.length) throw new NotTakenAsStreamed('no items');
    await copy.end(rows.take());
    return { open, rows };
  } catch (error) {
    await copy.abort(error instanceof Error ? error.message : String(error));
    throw error;
  }
}
