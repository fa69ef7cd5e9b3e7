import { ApiProperty } from '@nestjs/swagger';
import { IsGenerationCode } from '@rackeval/contracts';

/** `:generation` in a test plan's routes: the generation's code. */
export class GenerationParam {
  @ApiProperty({ example: 'G1' }) @IsGenerationCode() generation: string;
}
