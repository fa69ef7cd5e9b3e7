import { ApiProperty } from '@nestjs/swagger';
import { COOLING_TYPES, CoolingType, IsDecimalString, IsGenerationCode } from '@rackeval/contracts';
import { IsInt4, IsNumericString, IsText } from '@rackeval/platform';
import { IsIn, Matches } from 'class-validator';

const PERCENT = /^(100(\.0{1,2})?|\d{1,2}(\.\d{1,2})?)$/;

export class RegisterGenerationDto {
  @ApiProperty({ example: 'G1' }) @IsGenerationCode() code: string;
  @ApiProperty({ example: 'Generation 1 (air)' }) @IsText({ max: 120 }) name: string;
  @ApiProperty({ enum: COOLING_TYPES }) @IsIn(COOLING_TYPES) cooling: CoolingType;
  @ApiProperty({ example: '132.5', description: 'kW, decimal string (numeric(15,3): up to 12 digits before the point, 3 after)' })
  @IsNumericString({ precision: 15, scale: 3 })
  @Matches(/[1-9]/, { message: '$property must be greater than zero' })
  rackPowerBudgetKw: string;
  @ApiProperty({ example: 72 }) @IsInt4({ min: 1 }) gpusPerRack: number;
  @ApiProperty({ example: '65.00', description: 'percent 0-100, decimal string (up to 2 decimals)' })
  @IsDecimalString({ scale: 2 })
  @Matches(PERCENT, { message: '$property must be a percentage between 0 and 100' })
  domesticContentTargetPct: string;
}
