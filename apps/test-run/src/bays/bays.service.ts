import { Injectable } from '@nestjs/common';
import { UnitOfWork } from '@rackeval/messaging';
import { Cursor, Page } from '@rackeval/platform';
import { DataSource } from 'typeorm';
import { TestRunError, TestRunErrorCode } from '../test-run.errors';
import { BayEntity } from './bay.entity';
import { BayView } from './dto/bay.view';
import { BayListQuery, CreateBayDto } from './dto/create-bay.dto';

interface BayRow {
  code: string;
  site: string;
  created_at: Date;
  created_by: string;
  run_id: string | null;
  rack_serial: string | null;
  suite: string | null;
  state: string | null;
}

const toView = (row: BayRow): BayView => ({
  code: row.code,
  site: row.site,
  free: row.run_id === null,
  occupiedBy: row.run_id ? { runId: row.run_id, rackSerial: row.rack_serial!, suite: row.suite!, state: row.state! } : null,
  createdAt: row.created_at.toISOString(),
  createdBy: row.created_by,
});

const BAYS_WITH_OCCUPANT = `
  SELECT b.code, b.site, b.created_at, b.created_by, r.id AS run_id, r.rack_serial, r.suite, r.state
  FROM bay b LEFT JOIN run r ON r.bay = b.code AND r.state IN ('SCHEDULED', 'RUNNING')`;

@Injectable()
export class BaysService {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly dataSource: DataSource,
  ) {}

  create(dto: CreateBayDto, actor: string): Promise<BayView> {
    return this.unitOfWork.run(async (tx) => {
      const inserted: unknown[] = await tx.manager.query(
        `INSERT INTO bay (code, site, created_at, created_by) VALUES ($1, $2, now(), $3) ON CONFLICT (code) DO NOTHING RETURNING code`,
        [dto.code, dto.site, actor],
      );
      if (!inserted.length) {
        throw new TestRunError(TestRunErrorCode.BAY_ALREADY_EXISTS, `bay ${dto.code} already exists`, [
          { field: 'code', message: `bay ${dto.code} already exists` },
        ]);
      }
      const bay = await tx.manager.findOneByOrFail(BayEntity, { code: dto.code });
      return toView({
        ...bay,
        created_at: bay.createdAt,
        created_by: bay.createdBy,
        run_id: null,
        rack_serial: null,
        suite: null,
        state: null,
      });
    });
  }

  async list(query: BayListQuery): Promise<Page<BayView>> {
    const [after] = Cursor.decode(query.cursor, ['text'] as const) ?? [];
    const rows: BayRow[] = await this.dataSource.query(
      `${BAYS_WITH_OCCUPANT}
       WHERE ($1::text IS NULL OR b.code > $1) AND ($2::text IS NULL OR b.site = $2)
       ORDER BY b.code LIMIT $3`,
      [after ?? null, query.site ?? null, query.limit + 1],
    );
    return Cursor.page(rows, query.limit, (row) => [row.code], toView);
  }

  findBay(code: string, manager = this.dataSource.manager): Promise<BayEntity | null> {
    return manager.findOneBy(BayEntity, { code });
  }
}
