import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ABORT_CAUSES,
  type AbortCause,
  IsGenerationCode,
  IsRackSerial,
  RUN_STATES,
  type RunState,
  SUITE_KEY_PATTERN,
} from '@rackeval/contracts';
import { IsText, PageQuery } from '@rackeval/platform';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Matches, Min } from 'class-validator';
import { BAY_CODE_PATTERN } from '../../bays/dto/create-bay.dto';

export class ScheduleRunDto {
  @ApiProperty({ example: 'RK-0001' }) @IsRackSerial() rackSerial: string;

  @ApiProperty({ example: 'burn-in' })
  @Matches(SUITE_KEY_PATTERN, { message: '$property must be a suite key (lower-case letters, digits, -)' })
  suite: string;

  @ApiProperty({ example: 'BAY-01' })
  @Matches(BAY_CODE_PATTERN, { message: '$property must be a bay code (1-32 letters, digits, . _ -)' })
  bay: string;
}

/** What an abort is taken to be when a client sends no cause: every abort used an attempt before causes existed. */
export const DEFAULT_ABORT_CAUSE: AbortCause = 'DEVICE';

export class AbortRunDto {
  @ApiPropertyOptional({
    enum: ABORT_CAUSES,
    enumName: 'AbortCause',
    description:
      'why the run stopped: only DEVICE (the rack misbehaved) uses up an attempt; FACILITY (power, cooling, bay), OPERATOR and HOLD leave it. ' +
      'Absent means DEVICE, as every abort counted before causes existed.',
  })
  @IsOptional()
  @IsIn(ABORT_CAUSES)
  cause?: AbortCause;

  @ApiProperty({ example: 'coolant loop pressure alarm' })
  @IsText({ max: 2000 })
  reason: string;
}

export class RunListQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'Rack serial: its runs of every incarnation, unless `incarnation` narrows them' })
  @IsOptional()
  @IsRackSerial()
  rack?: string;
  @ApiPropertyOptional({ type: 'integer', minimum: 1, description: 'Only runs of this incarnation of their rack (1 as first delivered)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  incarnation?: number;
  @ApiPropertyOptional({ enum: RUN_STATES }) @IsOptional() @IsIn(RUN_STATES) state?: RunState;
  @ApiPropertyOptional({ example: 'G1' }) @IsOptional() @IsGenerationCode() generation?: string;
  @ApiPropertyOptional({ example: 'BAY-01' }) @IsOptional() @Matches(BAY_CODE_PATTERN) bay?: string;
  @ApiPropertyOptional({ example: 'burn-in' }) @IsOptional() @Matches(SUITE_KEY_PATTERN) suite?: string;
}
