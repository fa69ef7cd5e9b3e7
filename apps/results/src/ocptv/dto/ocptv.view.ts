import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { OcptvReceipt } from '../ocptv.service';

export class OcptvReceiptView implements OcptvReceipt {
  @ApiProperty({ format: 'uuid' }) runId: string;
  @ApiProperty() lines: number;
  @ApiProperty() measurements: number;
  @ApiProperty() rejudged: boolean;
  @ApiProperty() artifacts: number;
  @ApiProperty() steps: number;
  @ApiPropertyOptional({ example: 'COMPLETE' }) runStatus?: string;
  @ApiPropertyOptional({ example: 'PASS' }) runResult?: string;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'integer' }, description: 'diagnoses counted by severity' })
  diagnoses: Record<string, number>;
}
