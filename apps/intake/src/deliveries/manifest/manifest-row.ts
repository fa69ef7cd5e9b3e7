import { IsCountryCode, IsCurrencyCode, IsGenerationCode, IsRackSerial } from '@rackeval/contracts';
import { IsLabel, IsNumericString, IsUtcInstant } from '@rackeval/platform';
import { IsIn, Matches } from 'class-validator';
import { BOM_CATEGORIES, MAX_QUANTITY, UNIT_COST_PRECISION, UNIT_COST_SCALE } from '../dto/delivery.dto';

/** The columns of a delivery manifest, in the documented order (any order is accepted). */
export const MANIFEST_COLUMNS = [
  'deliveryReference',
  'site',
  'receivedAt',
  'rackSerial',
  'generation',
  'lot',
  'partNumber',
  'category',
  'quantity',
  'unitCost',
  'currency',
  'supplier',
  'countryOfOrigin',
] as const;
export type ManifestColumn = (typeof MANIFEST_COLUMNS)[number];

/** 1 to MAX_QUANTITY, written without sign, point or leading zeros. */
const QUANTITY = new RegExp(`^(?:[1-9]\\d{0,${String(MAX_QUANTITY).length - 2}}|${MAX_QUANTITY})$`);

/** One CSV row (one BOM line of one rack), every cell still text; checked with the same rules as the JSON body. */
export class ManifestRow implements Record<ManifestColumn, string> {
  @IsLabel(64) deliveryReference: string;
  @IsLabel(64) site: string;
  @IsUtcInstant() receivedAt: string;
  @IsRackSerial() rackSerial: string;
  @IsGenerationCode() generation: string;
  @IsLabel(64) lot: string;
  @IsLabel(64) partNumber: string;
  @IsIn(BOM_CATEGORIES, { message: `$property must be one of ${BOM_CATEGORIES.join(', ')}` }) category: string;
  @Matches(QUANTITY, { message: `$property must be a whole number from 1 to ${MAX_QUANTITY}` }) quantity: string;
  @IsNumericString({ precision: UNIT_COST_PRECISION, scale: UNIT_COST_SCALE }) unitCost: string;
  @IsCurrencyCode() currency: string;
  @IsLabel(120) supplier: string;
  @IsCountryCode() countryOfOrigin: string;
}
