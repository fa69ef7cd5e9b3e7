import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import { GenerationParam } from './generation.param';

/** `:generation/…/:version`: one version of a generation's terms. */
export class TermsVersionParam extends GenerationParam {
  @ApiProperty({ example: 1 }) @Type(() => Number) @IsInt() @Min(1) @Max(2_147_483_647) version: number;
}
