import { Injectable } from '@nestjs/common';
import { UnitOfWork } from '@rackeval/messaging';
import { Cursor, Page } from '@rackeval/platform';
import { DataSource } from 'typeorm';
import { TestRunError, TestRunErrorCode } from '../test-run.errors';
import { BayEntity } from './bay.entity';
import { BayRow, BaysRepository } from './bays.repository';
import { BayView } from './dto/bay.view';
import { BayListQuery, CreateBayDto } from './dto/create-bay.dto';

const toView = (row: BayRow): BayView => ({
  code: row.code,
  site: row.site,
  free: row.run_id === null,
  occupiedBy: row.run_id ? { runId: row.run_id, rackSerial: row.rack_serial!, suite: row.suite!, state: row.state! } : null,
  createdAt: row.created_at.toISOString(),
  createdBy: row.created_by,
});

@Injectable()
export class BaysService {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly dataSource: DataSource,
  ) {}

  create(dto: CreateBayDto, actor: string): Promise<BayView> {
    return this.unitOfWork.run(async (tx) => {
      const bay = await BaysRepository.insertUnlessTaken(tx.manager, dto, actor);
      if (!bay) {
        throw new TestRunError(TestRunErrorCode.BAY_ALREADY_EXISTS, `bay ${dto.code} already exists`, [
          { field: 'code', message: `bay ${dto.code} already exists` },
        ]);
      }
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
    const rows = await BaysRepository.page(this.dataSource.manager, after, query.site, query.limit + 1);
    return Cursor.page(rows, query.limit, (row) => [row.code], toView);
  }

  findBay(code: string, manager = this.dataSource.manager): Promise<BayEntity | null> {
    return BaysRepository.find(manager, code);
  }
}
