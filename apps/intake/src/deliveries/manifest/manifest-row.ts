import { IsCountryCode, IsCurrencyCode, IsDecimalString, IsGenerationCode, IsRackSerial, IsUtcTimestamp } from '@rackeval/contracts';
import { IsIn, IsString, Matches, MaxLength } from 'class-validator';
import { BOM_CATEGORIES, UNIT_COST_SCALE } from '../dto/delivery.dto';

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

const TEXT = /^[^\p{Cc}]+$/u;
const textMessage = { message: '$property must be non-empty text without control characters' };

/** One CSV row (one BOM line of one rack), every cell still text; checked with the same rules as the JSON body. */
export class ManifestRow implements Record<ManifestColumn, string> {
  @IsString() @MaxLength(64) @Matches(TEXT, textMessage) deliveryReference: string;
  @IsString() @MaxLength(64) @Matches(TEXT, textMessage) site: string;
  @IsUtcTimestamp() receivedAt: string;
  @IsRackSerial() rackSerial: string;
  @IsGenerationCode() generation: string;
  @IsString() @MaxLength(64) @Matches(TEXT, textMessage) lot: string;
  @IsString() @MaxLength(64) @Matches(TEXT, textMessage) partNumber: string;
  @IsIn(BOM_CATEGORIES, { message: `$property must be one of ${BOM_CATEGORIES.join(', ')}` }) category: string;
  @Matches(/^[1-9]\d{0,8}$/, { message: '$property must be a positive integer' }) quantity: string;
  @IsDecimalString({ scale: UNIT_COST_SCALE }) unitCost: string;
  @IsCurrencyCode() currency: string;
  @IsString() @MaxLength(120) @Matches(TEXT, textMessage) supplier: string;
  @IsCountryCode() countryOfOrigin: string;
}
