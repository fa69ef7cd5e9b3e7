import { ApiProperty } from '@nestjs/swagger';
import { CORRECTED_RACK_FIELDS, type CorrectedRackField } from '@rackeval/contracts';
import { ApiDateTime, ApiDecimal } from '@rackeval/platform';
import { BomLineView } from '../../dto/rack.view';
import type { RackCorrectionRecord, RackRecordValues } from '../rack-correction.rules';

export class RackRecordValuesView implements RackRecordValues {
  @ApiProperty() lot: string;
  @ApiProperty() site: string;
  @ApiDecimal() domesticContentPct: string;
  @ApiDecimal() bomCost: string;
  @ApiProperty() bomCurrency: string;
  @ApiProperty() bomLines: number;
}

export class RackCorrectionView implements RackCorrectionRecord {
  @ApiProperty() id: string;
  @ApiProperty() rackSerial: string;
  @ApiProperty({ enum: CORRECTED_RACK_FIELDS, enumName: 'CorrectedRackField', isArray: true }) changed: CorrectedRackField[];
  @ApiProperty() reason: string;
  @ApiProperty() correctedBy: string;
  @ApiDateTime() correctedAt: string;
  @ApiProperty({ type: RackRecordValuesView }) before: RackRecordValuesView;
  @ApiProperty({ type: RackRecordValuesView }) after: RackRecordValuesView;
  @ApiProperty({ type: [BomLineView], description: 'the BOM lines the correction replaced (empty when the BOM did not change)' })
  previousBom: BomLineView[];
}

export class RackCorrectionListView {
  @ApiProperty({ type: [RackCorrectionView], description: 'newest first' }) items: RackCorrectionView[];
}
