import { Controller, Get, Header, Query, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Roles } from '@rackeval/auth';
import { ApiErrors, csvFile, Page, PageOf } from '@rackeval/platform';
import { AuditEntryView } from '../options/dto/option.view';
import { AuditService } from './audit.service';
import { AuditQuery } from './dto/audit.query';

@ApiTags('audit')
@ApiBearerAuth()
@ApiErrors(401, 403)
@Controller('v1/audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @Roles('finance', 'admin', 'viewer')
  @ApiOkResponse({ type: PageOf(AuditEntryView), description: 'oldest first' })
  @ApiErrors(400)
  list(@Query() query: AuditQuery): Promise<Page<AuditEntryView>> {
    return this.audit.list(query);
  }

  @Get('export.csv')
  @Roles('finance', 'admin')
  @Header('content-type', 'text/csv; charset=utf-8')
  @Header('content-disposition', 'attachment; filename="purchase-option-decisions.csv"')
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'one row per audit entry, oldest first; streamed as it is read', schema: { type: 'string' } })
  @ApiErrors(400)
  csv(@Query() query: AuditQuery): StreamableFile {
    return csvFile(this.audit.csv(query));
  }
}
