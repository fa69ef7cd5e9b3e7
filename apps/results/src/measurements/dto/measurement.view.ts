import { ApiProperty } from '@nestjs/swagger';
import { ApiDateTime, ApiNullable } from '@rackeval/platform';
import type { MeasurementRow } from '../measurement.repository';
import type { BatchReceipt } from '../measurements.service';

export class MeasurementReceiptView implements BatchReceipt {
  @ApiProperty({ format: 'uuid' }) runId: string;
  @ApiProperty() accepted: number;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'integer' }, example: { 'training.tokens_per_s': 500 } }) byMetric: Record<
    string,
    number
  >;
  @ApiProperty({ description: 'true when the run had completed and was judged again' }) rejudged: boolean;
}

export class CorrectionReceiptView {
  @ApiProperty({ format: 'uuid' }) runId: string;
  @ApiProperty({ format: 'uuid' }) correctionId: string;
  @ApiProperty() metric: string;
  @ApiProperty({ required: false }) component?: string;
  @ApiProperty() reason: string;
  @ApiProperty({ description: 'measurements superseded by this correction' }) superseded: number;
  @ApiProperty({ description: 'measurements added' }) added: number;
}

export class MeasurementView implements MeasurementRow {
  @ApiProperty() id: string;
  @ApiProperty() metric: string;
  @ApiProperty({ description: 'in the criterion unit' }) value: number;
  @ApiProperty() unit: string;
  @ApiProperty({ description: 'as sent' }) originalValue: number;
  @ApiProperty() originalUnit: string;
  @ApiNullable(String) component: string | null;
  @ApiDateTime({ nullable: true }) observedAt: string | null;
  @ApiDateTime() recordedAt: string;
  @ApiProperty() recordedBy: string;
  @ApiProperty({ example: 'api' }) source: string;
  @ApiNullable(String) correctionId: string | null;
  @ApiNullable(String, { description: 'the correction that replaced it' }) supersededBy: string | null;
}
