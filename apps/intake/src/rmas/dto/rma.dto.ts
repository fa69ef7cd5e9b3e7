import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { MAX_RMA_FINDINGS, MAX_RMA_UNITS, RACK_SERIAL_PATTERN, RMA_NUMBER_PATTERN } from '@rackeval/contracts';
import { IsText, IsUtcInstant } from '@rackeval/platform';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsOptional, IsString, IsUUID, Matches } from 'class-validator';

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
