import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { ErrorDetail } from '../http/domain-error';
import type { ErrorBody } from '../http/error-response.filter';

export class ErrorDetailView implements ErrorDetail {
  @ApiProperty({ example: 'racks[0].serial', description: 'the field, CSV cell (`line 12, column unitCost`) or rule at fault' })
  field: string;
  @ApiProperty({ example: 'serial must match RK-…' }) message: string;
}

/** The one error shape every endpoint returns (`ErrorBody` of the error filter), documented once. */
export class ErrorResponse implements ErrorBody {
  @ApiProperty({ example: 409 }) statusCode: number;
  @ApiProperty({ example: 'Conflict' }) error: string;
  @ApiProperty({
    example: 'ILLEGAL_TRANSITION',
    description: 'stable machine-readable code; the list is in @rackeval/api-client (ERROR_CODES)',
  })
  code: string;
  @ApiProperty({ example: 'rack RK-G1-0001 is RECEIVED; it cannot go to PURCHASED' }) message: string;
  @ApiProperty({ type: [ErrorDetailView] }) details: ErrorDetailView[];
  @ApiPropertyOptional({ example: '6f1c1a52-5d1e-4a8e-a0f5-3f3a0b1c2d3e' }) correlationId?: string;
}
