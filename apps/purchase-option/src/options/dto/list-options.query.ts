import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { IsGenerationCode, OPTION_STATES, OptionState } from '@rackeval/contracts';
import { IntParam, PageQuery } from '@rackeval/platform';

export const RMA_FILTERS = ['open', 'any'] as const;
export type RmaFilter = (typeof RMA_FILTERS)[number];

export class OptionFilter extends PageQuery {
  @ApiPropertyOptional({ enum: OPTION_STATES }) @IsOptional() @IsIn(OPTION_STATES) state?: OptionState;
  @ApiPropertyOptional({ example: 'G2' }) @IsOptional() @IsGenerationCode() generation?: string;

  @ApiPropertyOptional({ description: 'open options whose window closes within this many days (0: already closed, awaiting the sweep)' })
  @IsOptional()
  @IntParam({ min: 0, max: 3650 })
  expiringWithinDays?: number;

  @ApiPropertyOptional({
    enum: RMA_FILTERS,
    description: 'open: options whose rack is at the manufacturer under an RMA (shipped, not back yet); any: whose rack was ever on one',
  })
  @IsOptional()
  @IsIn(RMA_FILTERS)
  withRma?: RmaFilter;
}
