import { ApiProperty } from '@nestjs/swagger';
import { COOLING_TYPES, CoolingType } from '@rackeval/contracts';
import { ApiDateTime, ApiDecimal } from '@rackeval/platform';

export class GenerationView {
  @ApiProperty({ example: 'G1' }) code: string;
  @ApiProperty({ example: 'Generation 1 (air)' }) name: string;
  @ApiProperty({ enum: COOLING_TYPES, enumName: 'CoolingType' }) cooling: CoolingType;
  @ApiDecimal({ example: '132.500', description: 'kW' }) rackPowerBudgetKw: string;
  @ApiProperty({ example: 72 }) gpusPerRack: number;
  @ApiDecimal({ example: '65.00', description: 'percent' }) domesticContentTargetPct: string;
  @ApiDateTime() registeredAt: string;
  @ApiProperty() registeredBy: string;
}
