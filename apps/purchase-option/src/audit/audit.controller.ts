import { Controller, Get, Header, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Roles } from '@rackeval/auth';
import { Page } from '@rackeval/platform';
import { AuditEntryView } from '../options/dto/option.view';
import { AuditService } from './audit.service';
import { AuditQuery } from './dto/audit.query';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('v1/audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @Roles('finance', 'admin', 'viewer')
  @ApiOkResponse({ type: [AuditEntryView], description: '{ items, nextCursor }, oldest first' })
  list(@Query() query: AuditQuery): Promise<Page<AuditEntryView>> {
    return this.audit.list(query);
  }

  @Get('export.csv')
  @Roles('finance', 'admin')
  @Header('content-type', 'text/csv; charset=utf-8')
  @Header('content-disposition', 'attachment; filename="purchase-option-decisions.csv"')
  @ApiProduces('text/csv')
  csv(@Query() query: AuditQuery): Promise<string> {
    return this.audit.csv(query);
  }
}
