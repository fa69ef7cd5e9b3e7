import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { IsGenerationCode, OPTION_STATES, OptionState } from '@rackeval/contracts';
import { IntParam, PageQuery } from '@rackeval/platform';

export class OptionFilter extends PageQuery {
  @ApiPropertyOptional({ enum: OPTION_STATES }) @IsOptional() @IsIn(OPTION_STATES) state?: OptionState;
  @ApiPropertyOptional({ example: 'G2' }) @IsOptional() @IsGenerationCode() generation?: string;

  @ApiPropertyOptional({ description: 'open options whose window closes within this many days (0: already closed, awaiting the sweep)' })
  @IsOptional()
  @IntParam({ min: 0, max: 3650 })
  expiringWithinDays?: number;
}
