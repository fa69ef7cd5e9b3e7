import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsCurrencyCode, IsDecimalString } from '@rackeval/contracts';
import { IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';

/** A proposed version of a generation's cost targets. Each target may be left out; at least one must be set. */
export class PutCostTargetsDto {
  @ApiProperty({ example: 'USD', description: 'ISO 4217: the currency of every money target and of the energy price' })
  @IsCurrencyCode()
  @Matches(/^[A-Z]{3}$/, { message: '$property must be an upper-case ISO 4217 code such as USD' })
  currency: string;

  @ApiPropertyOptional({
    example: 'tokens/s',
    description: 'the unit of measured performance the per-unit targets are stated in; required with them',
  })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(40)
  performanceUnit?: string;

  @ApiPropertyOptional({ example: '1300000.00', description: 'maximum unit price (the terms price), exact decimal' })
  @IsOptional()
  @IsDecimalString({ scale: 2 })
  maxUnitPrice?: string;

  @ApiPropertyOptional({ example: '60', description: 'maximum price per unit of measured performance (currency per performanceUnit)' })
  @IsOptional()
  @IsDecimalString({ scale: 6 })
  maxPricePerPerformanceUnit?: string;

  @ApiPropertyOptional({ example: '0.085', description: 'energy price per kWh, for the TCO; with pue and horizonYears' })
  @IsOptional()
  @IsDecimalString({ scale: 6 })
  energyPricePerKwh?: string;

  @ApiPropertyOptional({ example: '1.25', description: 'power usage effectiveness of the facility (1.000–5.000), for the TCO' })
  @IsOptional()
  @IsDecimalString({ scale: 3 })
  pue?: string;

  @ApiPropertyOptional({ example: '5', description: 'years of operation the TCO covers (more than 0, at most 30)' })
  @IsOptional()
  @IsDecimalString({ scale: 2 })
  horizonYears?: string;

  @ApiPropertyOptional({
    example: '70',
    description: 'maximum TCO per unit of measured performance; needs the energy price, PUE and horizon',
  })
  @IsOptional()
  @IsDecimalString({ scale: 6 })
  maxTcoPerPerformanceUnit?: string;

  @ApiPropertyOptional({ description: 'why these targets (kept with the version)' })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  note?: string;
}
