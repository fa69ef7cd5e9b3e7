import { Injectable } from '@nestjs/common';
import { Cursor, inSnapshot, Page, readInSnapshot } from '@rackeval/platform';
import { DataSource, EntityManager } from 'typeorm';
import { CostTargetsRepository } from '../cost-targets/cost-targets.repository';
import { RackRmaRepository } from '../rmas/rack-rma.repository';
import { PurchaseOptionError, PurchaseOptionErrorCode } from '../purchase-option.errors';
import { TermsRepository } from '../terms/terms.repository';
import { TermsBook } from '../terms/terms-status';
import { OptionFilter } from './dto/list-options.query';
import { OptionDetailView, OptionView } from './dto/option.view';
import { PurchaseOptionEntity } from './option.entity';
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
    const { rows, views } = await readInSnapshot(this.dataSource, async (manager) => {
      const rows = await OptionQueueRepository.page(manager, this.queueFilter(filter, now), position, filter.limit + 1);
      return { rows, views: await this.views(rows, manager, now) };
    });
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

  /**
   * The option with its history, read in one statement (the caller's transaction, or on its own):
   * read in several, a verdict committing between the reads once gave the option's old state beside
   * the history lines of its new one. One statement is one snapshot, and one round trip for a page
   * that a waiting read answers with the moment a verdict is applied.
   */
  async detail(rackSerial: string, manager: EntityManager = this.dataSource.manager, now = new Date()): Promise<OptionDetailView> {
    const page = await OptionRepository.page(manager, rackSerial);
    if (!page) {
      throw new PurchaseOptionError(PurchaseOptionErrorCode.UNKNOWN_OPTION, `no purchase option for rack ${rackSerial}`, [
        { field: 'rackSerial', message: 'unknown rack' },
      ]);
    }
    const { option, terms, evaluation, termsReviews, costTargets, rma, history } = page;
    const view = toOptionView(option, terms, evaluation, new TermsBook(termsReviews), now, costTargets, rma);
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

  /** The options' views (a page of a list or an export), their terms, evaluations, targets and RMAs read in a statement each. */
  private async views(options: PurchaseOptionEntity[], manager: EntityManager, now: Date): Promise<OptionView[]> {
    if (!options.length) return [];
    const serials = options.map((option) => option.rackSerial);
    const generations = [...new Set(options.map((option) => option.generation))];
    const termsVersions = options.flatMap((option) =>
      option.termsVersion ? [{ generation: option.generation, version: option.termsVersion }] : [],
    );
    // In turn on the snapshot's one connection.
    const terms = await TermsRepository.versions(manager, termsVersions);
    const book = await TermsRepository.book(manager, generations);
    // One array parameter, however many options: a bind parameter per serial stops at 65,535.
    const kept = await OptionRepository.evaluations(manager, serials);
    const costTargets = await CostTargetsRepository.active(manager, generations);
    const rmas = await RackRmaRepository.latestOf(manager, serials);
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
