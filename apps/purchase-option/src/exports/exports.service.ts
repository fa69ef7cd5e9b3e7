import { Injectable } from '@nestjs/common';
import { OptionFilter } from '../options/dto/list-options.query';
import { toAuditView } from '../options/option-view.mapper';
import { OptionsQueryService } from '../options/options-query.service';
import { ExportsRepository } from './exports.repository';
import { optionsWorkbook } from './options-workbook';

/** The finance workbook for the same filter as the CSV export. */
@Injectable()
export class ExportsService {
  constructor(
    private readonly options: OptionsQueryService,
    private readonly repository: ExportsRepository,
  ) {}

  async workbook(filter: Omit<OptionFilter, 'cursor' | 'limit'>, now = new Date()): Promise<Buffer> {
    const options = await this.options.all(filter, now);
    const audit = await this.repository.auditOf(options.map((option) => option.rackSerial));
    return optionsWorkbook(options, audit.map(toAuditView), now);
  }
}
