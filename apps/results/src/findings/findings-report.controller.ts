import { Controller, Get, Query, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ROLES, Roles } from '@rackeval/auth';
import { ApiErrors, csvFile, XLSX_MEDIA_TYPE, xlsxFile } from '@rackeval/platform';
import { FindingReportQuery } from './dto/finding-report.query';
import { findingReportFilename, FindingsReportService } from './findings-report.service';

/** Registered before FindingsController, whose :id would otherwise match "report". */
@ApiTags('findings')
@ApiBearerAuth()
@ApiErrors(401, 403)
@Controller('v1/findings')
export class FindingsReportController {
  constructor(private readonly reports: FindingsReportService) {}

  /** Whoever reads findings reads the report (the same rule as GET /v1/findings). */
  @Get('report')
  @Roles(...ROLES)
  @ApiOkResponse({
    description:
      "The manufacturer's findings report: one row per finding of the generation (and lot, and state), oldest first, " +
      'with its suspected BOM line, the number of similar findings in its group (across every rack, lot and generation) ' +
      'and its evidence: the `;`-separated download paths of its attachments on this service (through the gateway, under /api/results). ' +
      'format=csv streams text/csv; format=xlsx answers a workbook with one Findings sheet of typed cells. ' +
      'Text that a spreadsheet would run as a formula starts with a quote.',
    content: {
      'text/csv': { schema: { type: 'string' } },
      [XLSX_MEDIA_TYPE]: { schema: { type: 'string', format: 'binary' } },
    },
  })
  @ApiErrors(400)
  async report(@Query() query: FindingReportQuery): Promise<StreamableFile> {
    if (query.format === 'xlsx') return xlsxFile(await this.reports.workbook(query), findingReportFilename(query, 'xlsx'));
    return csvFile(this.reports.csv(query), findingReportFilename(query, 'csv'));
  }
}
