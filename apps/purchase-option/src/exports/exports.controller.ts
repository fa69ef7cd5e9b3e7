import { Controller, Get, Header, Query, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Roles } from '@rackeval/auth';
import { ApiErrors, XLSX_MEDIA_TYPE } from '@rackeval/platform';
import { OptionFilter } from '../options/dto/list-options.query';
import { ExportsService } from './exports.service';

/** Registered before OptionsController, whose :rackSerial would otherwise match "export.xlsx". */
@ApiTags('options')
@ApiBearerAuth()
@ApiErrors(401, 403)
@Controller('v1/options')
export class ExportsController {
  constructor(private readonly exports: ExportsService) {}

  @Get('export.xlsx')
  @Roles('finance', 'admin')
  @Header('content-type', XLSX_MEDIA_TYPE)
  @Header('content-disposition', 'attachment; filename="purchase-options.xlsx"')
  @ApiProduces(XLSX_MEDIA_TYPE)
  @ApiOkResponse({
    description:
      'the same filter as export.csv: a Summary sheet, one sheet per generation, Decisions and Audit; typed cells, frozen header, filters',
    schema: { type: 'string', format: 'binary' },
  })
  @ApiErrors(400)
  async xlsx(@Query() filter: OptionFilter): Promise<StreamableFile> {
    return new StreamableFile(await this.exports.workbook(filter));
  }
}
