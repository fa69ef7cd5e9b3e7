import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { GenerationRegistered } from '@rackeval/contracts';
import { UnitOfWork } from '@rackeval/messaging';
import { Cursor, Decimal, Page, PageQuery } from '@rackeval/platform';
import { DataSource } from 'typeorm';
import { IntakeError, IntakeErrorCode } from '../intake.errors';
import { GenerationView } from './dto/generation.view';
import { RegisterGenerationDto } from './dto/register-generation.dto';
import { GenerationEntity } from './generation.entity';
import { GenerationsRepository } from './generations.repository';

@Injectable()
export class GenerationsService {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  register(dto: RegisterGenerationDto, actor: string): Promise<GenerationView> {
    return this.unitOfWork.run(async (tx) => {
      const generation = Object.assign(new GenerationEntity(), {
        ...dto,
        rackPowerBudgetKw: Decimal.parse(dto.rackPowerBudgetKw).toFixed(3),
        domesticContentTargetPct: Decimal.parse(dto.domesticContentTargetPct).toFixed(2),
        registeredBy: actor,
        registeredAt: new Date(),
      });
      if (!(await GenerationsRepository.insertUnlessTaken(tx.manager, generation))) {
        throw new IntakeError(IntakeErrorCode.GENERATION_ALREADY_REGISTERED, `generation ${dto.code} is already registered`, [
          { field: 'code', message: `${dto.code} is already in the catalogue` },
        ]);
      }
      const view = toView(generation);
      const { registeredBy: _by, ...data } = view;
      tx.publish(GenerationRegistered, data);
      return view;
    });
  }

  async list(query: PageQuery): Promise<Page<GenerationView>> {
    const [after] = Cursor.decode(query.cursor, ['text'] as const) ?? [];
    const rows = await GenerationsRepository.page(this.dataSource.manager, after, query.limit + 1);
    return Cursor.page(rows, query.limit, (row) => [row.code], toView);
  }
}

export function toView(row: GenerationEntity): GenerationView {
  return {
    code: row.code,
    name: row.name,
    cooling: row.cooling,
    rackPowerBudgetKw: Decimal.parse(row.rackPowerBudgetKw).toFixed(3),
    gpusPerRack: row.gpusPerRack,
    domesticContentTargetPct: Decimal.parse(row.domesticContentTargetPct).toFixed(2),
    registeredAt: row.registeredAt.toISOString(),
    registeredBy: row.registeredBy,
  };
}
