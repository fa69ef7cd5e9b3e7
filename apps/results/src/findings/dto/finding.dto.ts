import { ApiProperty, ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { FAILURE_CLASS_PATTERN, FINDING_STATES, type FindingState, IsGenerationCode, IsRackSerial } from '@rackeval/contracts';
import { IntParam, IsLabel, IsText, PageQuery } from '@rackeval/platform';
import { Type } from 'class-transformer';
import { IsIn, IsOptional, IsUUID, Matches, ValidateIf, ValidateNested } from 'class-validator';

/** The suspected part, by its BOM part number; supplier and country come from the rack's BOM when results knows it. */
export class SuspectedComponentDto {
  @ApiProperty({ example: 'PSU-3KW-A' }) @IsLabel(64) partNumber: string;
  @ApiPropertyOptional({ description: 'Where in the rack, e.g. "PSU shelf 2"' }) @IsOptional() @IsLabel(120) location?: string;
}

export class OpenFindingDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'The run the finding is about; its rack and generation are taken from it' })
  @ValidateIf((dto: OpenFindingDto) => dto.runId !== undefined || dto.rackSerial === undefined)
  @IsUUID('all', { message: 'runId must be a run id (UUID); give runId or rackSerial' })
  runId?: string;

  @ApiPropertyOptional({ description: 'The rack, for a finding outside any run (e.g. found at inspection)', example: 'RK-G2-0001' })
  @IsOptional()
  @IsRackSerial()
  rackSerial?: string;

  @ApiPropertyOptional({ description: 'The failed criterion (metric)', example: 'rack.power' })
  @IsOptional()
  @IsLabel(128)
  criterion?: string;
  @ApiPropertyOptional({ description: 'The FAIL diagnosis verdict', example: 'psu-shelf-fault' })
  @IsOptional()
  @IsLabel(128)
  diagnosis?: string;
  @ApiProperty({ example: 'PSU shelf 2 tripped under full load' }) @IsText({ max: 500 }) title: string;
  @ApiPropertyOptional({ type: SuspectedComponentDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => SuspectedComponentDto)
  component?: SuspectedComponentDto;
  @ApiPropertyOptional() @IsOptional() @IsText({ max: 4000 }) note?: string;
}

/** What every transition may carry. */
export class FindingTransitionDto {
  @ApiPropertyOptional({ description: 'What was done or decided' }) @IsOptional() @IsText({ max: 4000 }) note?: string;
  @ApiPropertyOptional({ description: 'Who follows the finding up from now on' }) @IsOptional() @IsLabel(120) owner?: string;
  @ApiPropertyOptional({ type: 'integer', description: 'The version read; a finding changed since is a 409 CONCURRENT_UPDATE' })
  @IsOptional()
  @IntParam({ min: 1 })
  expectedVersion?: number;
}

export class TriageFindingDto extends FindingTransitionDto {
  @ApiProperty({ description: 'A class of the configured taxonomy (GET /v1/findings/classes)', example: 'HARDWARE_DEFECT' })
  @Matches(FAILURE_CLASS_PATTERN, { message: 'failureClass must be an upper-case class name such as HARDWARE_DEFECT' })
  failureClass: string;

  @ApiPropertyOptional({ type: SuspectedComponentDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => SuspectedComponentDto)
  component?: SuspectedComponentDto;
}

/** Proposing a fix and closing without one must say what and why. */
export class ExplainedTransitionDto extends FindingTransitionDto {
  @ApiProperty() @IsText({ max: 4000 }) declare note: string;
}

export class FindingNoteDto {
  @ApiProperty() @IsText({ max: 4000 }) note: string;
}

export class FindingFilterQuery {
  @ApiPropertyOptional() @IsOptional() @IsGenerationCode() generation?: string;
  @ApiPropertyOptional() @IsOptional() @IsLabel(64) lot?: string;
  @ApiPropertyOptional({ description: 'Failure class' })
  @IsOptional()
  @Matches(FAILURE_CLASS_PATTERN, { message: 'class must be an upper-case class name such as HARDWARE_DEFECT' })
  class?: string;
  @ApiPropertyOptional({ enum: FINDING_STATES, enumName: 'FindingState' }) @IsOptional() @IsIn(FINDING_STATES) state?: FindingState;
  @ApiPropertyOptional({ description: 'Failed criterion (metric)' }) @IsOptional() @IsLabel(128) criterion?: string;
  @ApiPropertyOptional({ description: 'Suspected part number (case and spacing ignored)' }) @IsOptional() @IsLabel(64) component?: string;
  @ApiPropertyOptional() @IsOptional() @IsRackSerial() rack?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() run?: string;
  @ApiPropertyOptional({
    description: 'A groupKey from GET /v1/findings/groups: the findings of that group',
    example: 'criterion:rack.power|PSU-3KW-A|POWER',
  })
  @IsOptional()
  @IsLabel(400)
  group?: string;
}

export class FindingListQuery extends IntersectionType(PageQuery, FindingFilterQuery) {}

export class FindingGroupQuery extends FindingFilterQuery {
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 500, default: 100 }) @IsOptional() @IntParam({ min: 1, max: 500 }) limit =
    100;
}
