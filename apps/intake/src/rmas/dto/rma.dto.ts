import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsRackSerial,
  MAX_RMA_FINDINGS,
  MAX_RMA_UNITS,
  RACK_SERIAL_PATTERN,
  RMA_NUMBER_PATTERN,
  RMA_RETURN_KINDS,
  RmaReturnKind,
} from '@rackeval/contracts';
import { IsText, IsUtcInstant } from '@rackeval/platform';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  ValidateNested,
} from 'class-validator';
import { BomLineDto, IsBom, MAX_BOM_LINES } from '../../deliveries/dto/delivery.dto';

/** A reason is required: whitespace alone says nothing. */
const NotBlank = () => Matches(/\S/, { message: '$property must not be blank' });

export class OpenRmaDto {
  @ApiProperty({ example: 'RMA-2026-0042', pattern: RMA_NUMBER_PATTERN.source, description: "the manufacturer's RMA number; unique" })
  @IsString({ message: '$property must be text' })
  @Matches(RMA_NUMBER_PATTERN, {
    message: '$property must be an RMA number such as RMA-2026-0042 (upper-case letters, digits, . _ / -; 3-40 characters)',
  })
  rmaNumber: string;

  @ApiProperty({
    type: [String],
    example: ['RK-G1-0007'],
    minItems: 1,
    maxItems: MAX_RMA_UNITS,
    uniqueItems: true,
    description: 'the racks sent back; each must be AWAITING_RETURN and on no other open or shipped RMA',
  })
  @IsArray()
  @ArrayMinSize(1, { message: '$property must name at least one rack' })
  @ArrayMaxSize(MAX_RMA_UNITS, { message: `$property must name at most ${MAX_RMA_UNITS} racks` })
  @ArrayUnique({ message: '$property must not name a rack twice' })
  @IsString({ each: true })
  @Matches(RACK_SERIAL_PATTERN, {
    each: true,
    message: 'each of $property must be a rack serial (letters, digits, . _ -; 2-64 characters)',
  })
  serials: string[];

  @ApiProperty({
    type: [String],
    format: 'uuid',
    maxItems: MAX_RMA_FINDINGS,
    uniqueItems: true,
    description: "results' findings the RMA reports to the manufacturer (references; may be empty)",
  })
  @IsArray()
  @ArrayMaxSize(MAX_RMA_FINDINGS, { message: `$property must name at most ${MAX_RMA_FINDINGS} findings` })
  @ArrayUnique({ message: '$property must not name a finding twice' })
  @IsUUID('all', { each: true, message: 'each of $property must be a finding id (UUID)' })
  findingIds: string[];

  @ApiPropertyOptional({ example: 'PSU shelf 2 trips under full load; logs attached to the findings' })
  @IsOptional()
  @IsText({ max: 4000 })
  notes?: string;
}

export class ShipRmaDto {
  @ApiProperty({
    type: 'string',
    format: 'date-time',
    example: '2026-11-30T09:15:00Z',
    description: 'when the units left; UTC, not in the future',
  })
  @IsUtcInstant()
  shippedAt: string;
}

export class CancelRmaDto {
  @ApiProperty({ example: 'manufacturer issued a new RMA number covering both racks' })
  @IsText({ max: 2000 })
  @NotBlank()
  reason: string;
}

/** A note on a returned unit; short enough that the history line and the events carrying it stay within their 2,000 characters. */
export const MAX_RETURN_NOTE = 1000;

export class RmaUnitReturnDto {
  @ApiProperty({ example: 'RK-G1-0007', description: 'a unit of this RMA, still with the manufacturer (RETURNED_FOR_RMA)' })
  @IsRackSerial()
  serial: string;

  @ApiProperty({
    enum: RMA_RETURN_KINDS,
    enumName: 'RmaReturnKind',
    description: 'REPAIRED: the same unit mended; REPLACED: another unit, under this serial or under replacementSerial',
  })
  @IsIn(RMA_RETURN_KINDS)
  kind: RmaReturnKind;

  @ApiPropertyOptional({
    example: 'RK-G1-0107',
    description: 'the new serial of a unit sent in place of this one (kind REPLACED); a serial intake has never seen',
  })
  @IsOptional()
  @IsRackSerial()
  replacementSerial?: string;

  @ApiPropertyOptional({
    type: [BomLineDto],
    maxItems: MAX_BOM_LINES,
    description:
      "the unit's bill of materials as it came back, in one currency; it replaces the current one (domestic content recomputed). " +
      "Without it the unit keeps its BOM, and a replacement under a new serial takes the old unit's.",
  })
  @IsOptional()
  @IsBom()
  bom?: BomLineDto[];

  @ApiPropertyOptional({ example: 'PSU shelf 2 replaced; burn-in log attached to the RMA', maxLength: MAX_RETURN_NOTE })
  @IsOptional()
  @IsText({ max: MAX_RETURN_NOTE })
  note?: string;
}

export class ReceiveRmaDto {
  @ApiProperty({
    type: 'string',
    format: 'date-time',
    example: '2026-12-14T10:30:00Z',
    description: 'when the units came back; UTC, not in the future and not before the RMA was shipped',
  })
  @IsUtcInstant()
  receivedAt: string;

  @ApiProperty({ type: [RmaUnitReturnDto], minItems: 1, maxItems: MAX_RMA_UNITS, description: 'the units back, each named once' })
  @IsArray()
  @ArrayMinSize(1, { message: '$property must name at least one unit' })
  @ArrayMaxSize(MAX_RMA_UNITS, { message: `$property must name at most ${MAX_RMA_UNITS} units` })
  @ValidateNested({ each: true })
  @Type(() => RmaUnitReturnDto)
  units: RmaUnitReturnDto[];
}
