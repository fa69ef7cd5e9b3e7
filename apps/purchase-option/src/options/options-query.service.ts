import { Injectable } from '@nestjs/common';
import { Cursor, Page } from '@rackeval/platform';
import { DataSource, EntityManager, In } from 'typeorm';
import { OptionAuditEntity } from '../audit/audit.entity';
import { CostTargetsRepository } from '../cost-targets/cost-targets.repository';
import { PurchaseOptionError, PurchaseOptionErrorCode } from '../purchase-option.errors';
import { OptionTermsEntity } from '../terms/terms.entity';
import { TermsRepository } from '../terms/terms.repository';
import { OptionFilter } from './dto/list-options.query';
import { OptionDetailView, OptionView } from './dto/option.view';
import { PurchaseOptionEntity, RackEvaluationEntity } from './option.entity';
import { OPEN_STATES } from './option.state-machine';
import { toAuditView, toOptionView } from './option-view.mapper';

const DAY_MS = 86_400_000;

/** Reads: options sorted by expiry (soonest first, no expiry last), one option with its history. */
@Injectable()
export class OptionsQueryService {
  constructor(private readonly dataSource: DataSource) {}

  async list(filter: OptionFilter, now = new Date()): Promise<Page<OptionView>> {
    const rows = await this.rows(filter, filter.limit + 1, now);
    const views = await this.views(rows, this.dataSource.manager, now);
    return Cursor.page(
      rows.map((row, index) => ({ row, view: views[index] })),
      filter.limit,
      ({ row }) => [row.expiresAt?.toISOString() ?? null, row.rackSerial],
      ({ view }) => view,
    );
  }

  /** Every option matching the filter (no paging), for the CSV export. */
  async all(filter: Omit<OptionFilter, 'cursor' | 'limit'>, now = new Date()): Promise<OptionView[]> {
    const rows = await this.rows({ ...filter, cursor: undefined, limit: 0 }, undefined, now);
    return this.views(rows, this.dataSource.manager, now);
  }

  async detail(rackSerial: string, manager: EntityManager = this.dataSource.manager, now = new Date()): Promise<OptionDetailView> {
    const option = await manager.findOneBy(PurchaseOptionEntity, { rackSerial });
    if (!option) {
      throw new PurchaseOptionError(PurchaseOptionErrorCode.UNKNOWN_OPTION, `no purchase option for rack ${rackSerial}`, [
        { field: 'rackSerial', message: 'unknown rack' },
      ]);
    }
    const [view] = await this.views([option], manager, now);
    const history = await manager.find(OptionAuditEntity, { where: { rackSerial }, order: { id: 'ASC' } });
    return { ...view, history: history.map(toAuditView) };
  }

  private rows(filter: OptionFilter, take: number | undefined, now: Date): Promise<PurchaseOptionEntity[]> {
    const query = this.dataSource.manager
      .createQueryBuilder(PurchaseOptionEntity, 'o')
      .orderBy('o.expires_at', 'ASC', 'NULLS LAST')
      .addOrderBy('o.rack_serial', 'ASC');
    if (filter.state) query.andWhere('o.state = :state', { state: filter.state });
    if (filter.generation) query.andWhere('o.generation = :generation', { generation: filter.generation });
    if (filter.expiringWithinDays !== undefined) {
      query
        .andWhere('o.state IN (:...open)', { open: OPEN_STATES })
        .andWhere('o.expires_at <= :horizon', { horizon: new Date(now.getTime() + filter.expiringWithinDays * DAY_MS) });
    }
    const position = Cursor.decode(filter.cursor, ['timestamp?', 'text'] as const);
    if (position) {
      const [expiresAt, serial] = position;
      if (expiresAt === null) query.andWhere('o.expires_at IS NULL AND o.rack_serial > :serial', { serial });
      else {
        query.andWhere(
          '(o.expires_at > :after OR (o.expires_at = :after AND o.rack_serial > :serial) OR o.expires_at IS NULL)',
          { after: new Date(expiresAt), serial },
        );
      }
    }
    if (take) query.take(take);
    return query.getMany();
  }

  private async views(options: PurchaseOptionEntity[], manager: EntityManager, now: Date): Promise<OptionView[]> {
    if (!options.length) return [];
    const serials = options.map((option) => option.rackSerial);
    const generations = [...new Set(options.map((option) => option.generation))];
    // Sequential: the manager may be a transaction's single connection.
    const terms = await manager.findBy(OptionTermsEntity, { generation: In(generations) });
    const book = await TermsRepository.book(manager, generations);
    const evaluations = await manager.findBy(RackEvaluationEntity, { rackSerial: In(serials) });
    const costTargets = await CostTargetsRepository.active(manager, generations);
    const termsOf = new Map(terms.map((t) => [`${t.generation}#${t.version}`, t]));
    const evaluationOf = new Map(evaluations.map((e) => [e.rackSerial, e]));
    return options.map((option) =>
      toOptionView(
        option,
        option.termsVersion ? (termsOf.get(`${option.generation}#${option.termsVersion}`) ?? null) : null,
        evaluationOf.get(option.rackSerial) ?? null,
        book,
        now,
        costTargets.get(option.generation) ?? null,
      ),
    );
  }
}
