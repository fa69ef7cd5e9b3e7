import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsLabel, IsText } from '@rackeval/platform';
import { IsOptional } from 'class-validator';
import { BomLineDto, IsBom, MAX_BOM_LINES } from '../../../deliveries/dto/delivery.dto';

export class CorrectRackDto {
  @ApiProperty({ example: 'manifest listed the CDU as made in MX; the certificate of origin says US' })
  @IsText({ min: 3, max: 2000 })
  reason: string;
  @ApiPropertyOptional({ example: 'LOT-2026-11-B' }) @IsOptional() @IsLabel(64) lot?: string;
  @ApiPropertyOptional({ example: 'PDX-2' }) @IsOptional() @IsLabel(64) site?: string;
  @ApiPropertyOptional({
    type: [BomLineDto],
    maxItems: MAX_BOM_LINES,
    description: 'the whole corrected bill of materials; it replaces the current one',
  })
  @IsOptional()
  @IsBom()
  bom?: BomLineDto[];
}
