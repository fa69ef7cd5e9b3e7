import { ApiProperty } from '@nestjs/swagger';
import { IsGenerationCode } from '@rackeval/contracts';

/** `:generation` in the terms and cost-target routes: the generation's code. */
export class GenerationParam {
  @ApiProperty({ example: 'G2' }) @IsGenerationCode() generation: string;
}
