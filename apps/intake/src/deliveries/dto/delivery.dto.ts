import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsCountryCode, IsCurrencyCode, IsDecimalString, IsGenerationCode, IsRackSerial, IsUtcTimestamp } from '@rackeval/contracts';
import { Type } from 'class-transformer';
import { ArrayMinSize, IsArray, IsIn, IsInt, IsPositive, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';

export const BOM_CATEGORIES = ['compute', 'networking', 'cabling', 'cooling', 'power', 'mechanical'] as const;
export type BomCategory = (typeof BOM_CATEGORIES)[number];

/** Printable text without control characters: references, sites, lots, part numbers, suppliers. */
const LABEL = /^[^\p{Cc}]+$/u;
const Label = (max: number): PropertyDecorator => {
  return (target, key) => {
    IsString()(target, key);
    MaxLength(max)(target, key);
    Matches(LABEL, { message: '$property must be non-empty text without control characters' })(target, key);
  };
};

/** Unit costs may go below a cent (bulk cabling, fasteners): up to 4 decimals. */
export const UNIT_COST_SCALE = 4;

export class BomLineDto {
  @ApiProperty({ example: 'GPU-B200-SXM' }) @Label(64) partNumber: string;
  @ApiProperty({ enum: BOM_CATEGORIES }) @IsIn(BOM_CATEGORIES) category: BomCategory;
  @ApiProperty({ example: 8, description: 'positive integer' }) @IsInt() @IsPositive() quantity: number;
  @ApiProperty({ example: '31250.00', description: 'decimal string, up to 4 decimals' })
  @IsDecimalString({ scale: UNIT_COST_SCALE })
  unitCost: string;
  @ApiProperty({ example: 'USD', description: 'ISO 4217; one currency per rack' }) @IsCurrencyCode() currency: string;
  @ApiProperty({ example: 'Acme Compute Inc.' }) @Label(120) supplier: string;
  @ApiProperty({ example: 'US', description: 'ISO 3166-1 alpha-2' }) @IsCountryCode() countryOfOrigin: string;
}

export class DeliveryRackDto {
  @ApiProperty({ example: 'RK-G1-0001' }) @IsRackSerial() serial: string;
  @ApiProperty({ example: 'G1' }) @IsGenerationCode() generation: string;
  @ApiProperty({ example: 'LOT-2026-11-A' }) @Label(64) lot: string;
  @ApiProperty({ type: [BomLineDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ValidateNested({ each: true })
  @Type(() => BomLineDto)
  bom: BomLineDto[];
}

export class DeliveryDto {
  @ApiProperty({ example: 'DHL-7781-2231', description: 'carrier reference; re-sending the same delivery is a no-op' })
  @Label(64)
  reference: string;
  @ApiProperty({ example: 'US-TX-1' }) @Label(64) site: string;
  @ApiProperty({ example: '2026-11-20T14:05:00Z' }) @IsUtcTimestamp() receivedAt: string;
  @ApiProperty({ type: [DeliveryRackDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ValidateNested({ each: true })
  @Type(() => DeliveryRackDto)
  racks: DeliveryRackDto[];
}

export class DeliveryRackView {
  @ApiProperty() serial: string;
  @ApiProperty() generation: string;
  @ApiProperty() lot: string;
  @ApiProperty() bomLines: number;
  @ApiProperty({ description: 'exact total, 2 decimals' }) bomCost: string;
  @ApiProperty() bomCurrency: string;
  @ApiProperty() domesticContentPct: string;
  @ApiProperty() domesticContentTargetPct: string;
  @ApiProperty() meetsDomesticContentTarget: boolean;
}

export class DeliveryView {
  @ApiProperty() reference: string;
  @ApiProperty() site: string;
  @ApiProperty() receivedAt: string;
  @ApiProperty() registeredBy: string;
  @ApiProperty() registeredAt: string;
  @ApiPropertyOptional({ type: [DeliveryRackView] }) racks: DeliveryRackView[];
}
