import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { FINDING_STATES, type FindingState, IsGenerationCode } from '@rackeval/contracts';
import { IsLabel } from '@rackeval/platform';
import { IsIn, IsOptional } from 'class-validator';

export const FINDING_REPORT_FORMATS = ['csv', 'xlsx'] as const;
export type FindingReportFormat = (typeof FINDING_REPORT_FORMATS)[number];

/** The manufacturer's findings report: one generation, optionally one lot and one state. */
export class FindingReportQuery {
  @ApiProperty({ description: 'The generation reported on', example: 'G2' }) @IsGenerationCode() generation: string;
  @ApiPropertyOptional({ description: 'Only this manufacturing lot', example: 'B' }) @IsOptional() @IsLabel(64) lot?: string;
  @ApiPropertyOptional({ enum: FINDING_STATES, enumName: 'FindingState' }) @IsOptional() @IsIn(FINDING_STATES) state?: FindingState;
  @ApiPropertyOptional({
    enum: FINDING_REPORT_FORMATS,
    default: 'csv',
    description: 'csv (text/csv, streamed) or xlsx (a workbook with one Findings sheet)',
  })
  @IsOptional()
  @IsIn(FINDING_REPORT_FORMATS, { message: `format must be one of ${FINDING_REPORT_FORMATS.join(', ')}` })
  format: FindingReportFormat = 'csv';
}
