import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PageQuery } from '@rackeval/platform';
import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';

export const BAY_CODE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$/;
const SITE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9 ._-]{0,63}$/;

export class CreateBayDto {
  @ApiProperty({ example: 'BAY-01', pattern: BAY_CODE_PATTERN.source })
  @Matches(BAY_CODE_PATTERN, { message: '$property must be 1-32 letters, digits, . _ -' })
  code: string;

  @ApiProperty({ example: 'PDX-1' })
  @IsString()
  @Matches(SITE_PATTERN, { message: '$property must be 1-64 letters, digits, spaces, . _ -' })
  site: string;
}

export class BayListQuery extends PageQuery {
  @ApiPropertyOptional({ example: 'PDX-1' }) @IsOptional() @IsString() @MaxLength(64) site?: string;
}
