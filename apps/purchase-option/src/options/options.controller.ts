import { Controller, Get, Header, Param, Query, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Roles } from '@rackeval/auth';
import { ApiErrors, AwaitsEvent, csvFile, Page, PageOf } from '@rackeval/platform';
import { RackSerialParam } from '../decisions/dto/rack-serial.param';
import { OptionFilter } from './dto/list-options.query';
import { OptionDetailView, OptionView } from './dto/option.view';
import { OptionsQueryService } from './options-query.service';

@ApiTags('options')
@ApiBearerAuth()
@ApiErrors(401, 403)
@Controller('v1/options')
export class OptionsController {
  constructor(private readonly options: OptionsQueryService) {}

  @Get()
  @Roles('finance', 'admin', 'viewer')
  @ApiOkResponse({ type: PageOf(OptionView), description: 'sorted by expiry, soonest first; options without expiry last' })
  @ApiErrors(400)
  list(@Query() filter: OptionFilter): Promise<Page<OptionView>> {
    return this.options.list(filter);
  }

  // Declared before :rackSerial, which would otherwise match "export.csv".
  @Get('export.csv')
  @Roles('finance', 'admin')
  @Header('content-type', 'text/csv; charset=utf-8')
  @Header('content-disposition', 'attachment; filename="purchase-options.csv"')
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'one row per option, in expiry order; streamed as it is read', schema: { type: 'string' } })
  @ApiErrors(400)
  export(@Query() filter: OptionFilter): StreamableFile {
    return csvFile(this.options.csv(filter));
  }

  @Get(':rackSerial')
  @Roles('finance', 'admin', 'viewer')
  @AwaitsEvent({ until: ['UNKNOWN_OPTION'], about: ({ params }) => params.rackSerial, changes: true })
  @ApiOkResponse({ type: OptionDetailView })
  @ApiErrors(400, 404)
  detail(@Param() { rackSerial }: RackSerialParam): Promise<OptionDetailView> {
    return this.options.detail(rackSerial);
  }
}
