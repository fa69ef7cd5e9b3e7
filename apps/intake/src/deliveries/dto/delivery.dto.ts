import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { IsCountryCode, IsCurrencyCode, IsGenerationCode, IsRackSerial } from '@rackeval/contracts';
import { IsInt4, IsLabel, IsNumericString, IsUtcInstant } from '@rackeval/platform';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, ValidateNested } from 'class-validator';

export const BOM_CATEGORIES = ['compute', 'networking', 'cabling', 'cooling', 'power', 'mechanical'] as const;
export type BomCategory = (typeof BOM_CATEGORIES)[number];

/** Printable text without control characters: references, sites, lots, part numbers, suppliers. */
const Label = IsLabel;

/** Unit costs may go below a cent (bulk cabling, fasteners): up to 4 decimals. */
export const UNIT_COST_SCALE = 4;
/**
 * Bounds that keep a rack's BOM total (quantity × unit cost, summed) inside every column it lands
 * in: intake's numeric(34,4) and purchase-option's numeric(26,2), i.e. below 10^24. With at most
 * 10^6 per line, unit costs below 10^12 and 10,000 lines a rack, the total stays below 10^22.
 */
export const MAX_QUANTITY = 1_000_000;
export const UNIT_COST_PRECISION = 16;
export const MAX_BOM_LINES = 10_000;
export const MAX_RACKS_PER_DELIVERY = 1_000;

export class BomLineDto {
  @ApiProperty({ example: 'GPU-B200-SXM' }) @Label(64) partNumber: string;
  @ApiProperty({ enum: BOM_CATEGORIES }) @IsIn(BOM_CATEGORIES) category: BomCategory;
  @ApiProperty({ example: 8, description: `whole number, 1 to ${MAX_QUANTITY}` }) @IsInt4({ min: 1, max: MAX_QUANTITY }) quantity: number;
  @ApiProperty({ example: '31250.00', description: 'decimal string, up to 12 digits before the point and 4 after' })
  @IsNumericString({ precision: UNIT_COST_PRECISION, scale: UNIT_COST_SCALE })
  unitCost: string;
  @ApiProperty({ example: 'USD', description: 'ISO 4217; one currency per rack' }) @IsCurrencyCode() currency: string;
  @ApiProperty({ example: 'Acme Compute Inc.' }) @Label(120) supplier: string;
  @ApiProperty({ example: 'US', description: 'ISO 3166-1 alpha-2' }) @IsCountryCode() countryOfOrigin: string;
}

/**
 * A rack's whole bill of materials: 1 to MAX_BOM_LINES lines, each validated (a refusal names
 * `bom[2].unitCost`). Listed in the order stacked decorators apply (bottom first), as they were.
 */
export const IsBom = () =>
  applyDecorators(
    Type(() => BomLineDto),
    ValidateNested({ each: true }),
    ArrayMaxSize(MAX_BOM_LINES),
    ArrayMinSize(1),
    IsArray(),
  );

export class DeliveryRackDto {
  @ApiProperty({ example: 'RK-G1-0001' }) @IsRackSerial() serial: string;
  @ApiProperty({ example: 'G1' }) @IsGenerationCode() generation: string;
  @ApiProperty({ example: 'LOT-2026-11-A' }) @Label(64) lot: string;
  @ApiProperty({ type: [BomLineDto], maxItems: MAX_BOM_LINES })
  @IsBom()
  bom: BomLineDto[];
}

export class DeliveryDto {
  @ApiProperty({ example: 'DHL-7781-2231', description: 'carrier reference; re-sending the same delivery is a no-op' })
  @Label(64)
  reference: string;
  @ApiProperty({ example: 'US-TX-1' }) @Label(64) site: string;
  @ApiProperty({ example: '2026-11-20T14:05:00Z' }) @IsUtcInstant() receivedAt: string;
  @ApiProperty({ type: [DeliveryRackDto], maxItems: MAX_RACKS_PER_DELIVERY })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_RACKS_PER_DELIVERY)
  @ValidateNested({ each: true })
  @Type(() => DeliveryRackDto)
  racks: DeliveryRackDto[];
}
