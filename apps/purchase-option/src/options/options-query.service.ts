import { Injectable } from '@nestjs/common';
import { Cursor, inSnapshot, Page } from '@rackeval/platform';
import { DataSource, EntityManager } from 'typeorm';
import { AuditRepository } from '../audit/audit.repository';
import { CostTargetsRepository } from '../cost-targets/cost-targets.repository';
import { RackRmaRepository } from '../rmas/rack-rma.repository';
import { PurchaseOptionError, PurchaseOptionErrorCode } from '../purchase-option.errors';
import { TermsRepository } from '../terms/terms.repository';
import { OptionFilter } from './dto/list-options.query';
import { OptionDetailView, OptionView } from './dto/option.view';
import { PurchaseOptionEntity, RackEvaluationEntity } from './option.entity';
import { OptionRepository } from './option.repository';
import { OPEN_STATES } from './option.state-machine';
import { OptionQueueFilter, OptionQueuePosition, OptionQueueRepository } from './option-queue.repository';
import { OPTIONS_CSV_HEADER, optionsCsvLines } from './options-csv';
import { toAuditView, toOptionView } from './option-view.mapper';

const DAY_MS = 86_400_000;
/** Options per keyset page of an export: memory stays flat whatever the export's size. */
const EXPORT_PAGE = 1_000;

/** Reads: options sorted by expiry (soonest first, no expiry last), one option with its history. */
@Injectable()
export class OptionsQueryService {
  constructor(private readonly dataSource: DataSource) {}

  async list(filter: OptionFilter, now = new Date()): Promise<Page<OptionView>> {
    const after = Cursor.decode(filter.cursor, ['timestamp?', 'text'] as const);
    const position: OptionQueuePosition | undefined = after ? [after[0] === null ? null : new Date(after[0]), after[1]] : undefined;
    const rows = await OptionQueueRepository.page(this.dataSource.manager, this.queueFilter(filter, now), position, filter.limit + 1);
    const views = await this.views(rows, this.dataSource.manager, now);
    return Cursor.page(
      rows.map((row, index) => ({ row, view: views[index] })),
      filter.limit,
      ({ row }) => [row.expiresAt?.toISOString() ?? null, row.rackSerial],
      ({ view }) => view,
    );
  }

  /**
   * Every option matching the filter, in expiry order, a keyset page at a time, all from one
   * snapshot (a read-only repeatable-read transaction, released when the iteration ends or is abandoned).
   */
  pages(filter: Omit<OptionFilter, 'cursor' | 'limit'>, now = new Date()): AsyncGenerator<OptionView[]> {
    const queue = this.queueFilter(filter, now);
    return inSnapshot(this.dataSource, (manager) => this.queuePages(manager, queue, now));
  }

  /** Every option matching the filter (no paging), for the workbook. */
  async all(filter: Omit<OptionFilter, 'cursor' | 'limit'>, now = new Date()): Promise<OptionView[]> {
    const out: OptionView[] = [];
    for await (const page of this.pages(filter, now)) out.push(...page);
    return out;
  }

  /** The CSV export, a header then one chunk of lines per keyset page, produced as the reader takes them. */
  async *csv(filter: Omit<OptionFilter, 'cursor' | 'limit'>, now = new Date()): AsyncGenerator<string> {
    yield OPTIONS_CSV_HEADER;
    for await (const page of this.pages(filter, now)) yield optionsCsvLines(page);
  }

  async detail(rackSerial: string, manager: EntityManager = this.dataSource.manager, now = new Date()): Promise<OptionDetailView> {
    const found = await OptionRepository.findWithEvaluation(manager, rackSerial);
    if (!found) {
      throw new PurchaseOptionError(PurchaseOptionErrorCode.UNKNOWN_OPTION, `no purchase option for rack ${rackSerial}`, [
        { field: 'rackSerial', message: 'unknown rack' },
      ]);
    }
    const [[view], history] = await inTurnOrAtOnce(manager, [
      () => this.views([found.option], manager, now, found.evaluation ? [found.evaluation] : []),
      () => AuditRepository.ofRack(manager, rackSerial),
    ] as const);
    return { ...view, history: history.map(toAuditView) };
  }

  private async *queuePages(manager: EntityManager, queue: OptionQueueFilter, now: Date): AsyncGenerator<OptionView[]> {
    let after: OptionQueuePosition | undefined;
    for (;;) {
      const rows = await OptionQueueRepository.page(manager, queue, after, EXPORT_PAGE);
      if (rows.length) yield await this.views(rows, manager, now);
      if (rows.length < EXPORT_PAGE) return;
      const last = rows[rows.length - 1];
      after = [last.expiresAt, last.rackSerial];
    }
  }

  private queueFilter(filter: Omit<OptionFilter, 'cursor' | 'limit'>, now: Date): OptionQueueFilter {
    const expiring =
      filter.expiringWithinDays === undefined
        ? undefined
        : { states: OPEN_STATES, horizon: new Date(now.getTime() + filter.expiringWithinDays * DAY_MS) };
    return { state: filter.state, generation: filter.generation, expiring, rma: filter.withRma };
  }

  /** The options' views; `evaluations`, when given, are those kept for these options' racks (read with them), else they are read here. */
  private async views(
    options: PurchaseOptionEntity[],
    manager: EntityManager,
    now: Date,
    evaluations?: RackEvaluationEntity[],
  ): Promise<OptionView[]> {
    if (!options.length) return [];
    const serials = options.map((option) => option.rackSerial);
    const generations = [...new Set(options.map((option) => option.generation))];
    const termsVersions = options.flatMap((option) =>
      option.termsVersion ? [{ generation: option.generation, version: option.termsVersion }] : [],
    );
    const [terms, book, kept, costTargets, rmas] = await inTurnOrAtOnce(manager, [
      () => TermsRepository.versions(manager, termsVersions),
      () => TermsRepository.book(manager, generations),
      // One array parameter, however many options: a bind parameter per serial stops at 65,535.
      async () => evaluations ?? (await OptionRepository.evaluations(manager, serials)),
      () => CostTargetsRepository.active(manager, generations),
      () => RackRmaRepository.latestOf(manager, serials),
    ] as const);
    const rmaOf = new Map(rmas.map((rma) => [rma.rackSerial, rma]));
    const termsOf = new Map(terms.map((t) => [`${t.generation}#${t.version}`, t]));
    const evaluationOf = new Map(kept.map((e) => [e.rackSerial, e]));
    return options.map((option) =>
      toOptionView(
        option,
        option.termsVersion ? (termsOf.get(`${option.generation}#${option.termsVersion}`) ?? null) : null,
        evaluationOf.get(option.rackSerial) ?? null,
        book,
        now,
        costTargets.get(option.generation) ?? null,
        rmaOf.get(option.rackSerial) ?? null,
      ),
    );
  }
}

type Results<T extends ReadonlyArray<() => Promise<unknown>>> = { -readonly [K in keyof T]: Awaited<ReturnType<T[K]>> };

/**
 * Independent reads: one after another on a transaction's single connection, all at once outside a
 * transaction (each on a pooled connection of its own). An option's page is what a long poll answers
 * when the option changes, so its reads are round trips on that path: at once they cost one.
 */
async function inTurnOrAtOnce<T extends ReadonlyArray<() => Promise<unknown>>>(manager: EntityManager, reads: T): Promise<Results<T>> {
  if (!manager.queryRunner) return (await Promise.all(reads.map((read) => read()))) as Results<T>;
  const results: unknown[] = [];
  for (const read of reads) results.push(await read());
  return results as Results<T>;
}
