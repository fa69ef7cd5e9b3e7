import { ApiProperty } from '@nestjs/swagger';
import { COOLING_TYPES, CoolingType, IsDecimalString, IsGenerationCode } from '@rackeval/contracts';
import { IsIn, IsInt, IsPositive, IsString, Matches, MaxLength, MinLength } from 'class-validator';

const PERCENT = /^(100(\.0{1,2})?|\d{1,2}(\.\d{1,2})?)$/;

export class RegisterGenerationDto {
  @ApiProperty({ example: 'G1' }) @IsGenerationCode() code: string;
  @ApiProperty({ example: 'Generation 1 (air)' }) @IsString() @MinLength(1) @MaxLength(120) name: string;
  @ApiProperty({ enum: COOLING_TYPES }) @IsIn(COOLING_TYPES) cooling: CoolingType;
  @ApiProperty({ example: '132.5', description: 'kW, decimal string (up to 3 decimals)' })
  @IsDecimalString({ scale: 3 })
  @Matches(/[1-9]/, { message: '$property must be greater than zero' })
  rackPowerBudgetKw: string;
  @ApiProperty({ example: 72 }) @IsInt() @IsPositive() gpusPerRack: number;
  @ApiProperty({ example: '65.00', description: 'percent 0-100, decimal string (up to 2 decimals)' })
  @IsDecimalString({ scale: 2 })
  @Matches(PERCENT, { message: '$property must be a percentage between 0 and 100' })
  domesticContentTargetPct: string;
}

export interface GenerationView {
  code: string;
  name: string;
  cooling: CoolingType;
  rackPowerBudgetKw: string;
  gpusPerRack: number;
  domesticContentTargetPct: string;
  registeredAt: string;
  registeredBy: string;
}
