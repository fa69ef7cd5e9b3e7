import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches, MaxLength } from 'class-validator';

/** `:generation` in the criteria routes: the generation's code. */
export class GenerationParam {
  @ApiProperty({ example: 'G2' })
  @IsString()
  @MaxLength(16)
  @Matches(/^[A-Z][A-Z0-9-]{0,15}$/, { message: 'generation must be a code such as G1' })
  generation: string;
}
