import { Controller, Get, Header, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Roles } from '@rackeval/auth';
import { Page } from '@rackeval/platform';
import { RackSerialParam } from '../decisions/dto/decision.dto';
import { OptionFilter } from './dto/list-options.query';
import { OptionDetailView, OptionPage, OptionView } from './dto/option.view';
import { optionsCsv } from './options-csv';
import { OptionsQueryService } from './options-query.service';

@ApiTags('options')
@ApiBearerAuth()
@Controller('v1/options')
export class OptionsController {
  constructor(private readonly options: OptionsQueryService) {}

  @Get()
  @Roles('finance', 'admin', 'viewer')
  @ApiOkResponse({ type: OptionPage, description: 'sorted by expiry, soonest first; options without expiry last' })
  list(@Query() filter: OptionFilter): Promise<Page<OptionView>> {
    return this.options.list(filter);
  }

  // Declared before :rackSerial, which would otherwise match "export.csv".
  @Get('export.csv')
  @Roles('finance', 'admin')
  @Header('content-type', 'text/csv; charset=utf-8')
  @Header('content-disposition', 'attachment; filename="purchase-options.csv"')
  @ApiProduces('text/csv')
  async export(@Query() filter: OptionFilter): Promise<string> {
    return optionsCsv(await this.options.all(filter));
  }

  @Get(':rackSerial')
  @Roles('finance', 'admin', 'viewer')
  @ApiOkResponse({ type: OptionDetailView })
  detail(@Param() { rackSerial }: RackSerialParam): Promise<OptionDetailView> {
    return this.options.detail(rackSerial);
  }
}
