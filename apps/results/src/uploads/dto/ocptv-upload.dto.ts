import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsInt8 } from '@rackeval/platform';
import { IsBoolean, IsOptional, Matches } from 'class-validator';

export class OpenOcptvUploadDto {
  @ApiProperty({
    description: 'SHA-256 of the whole file, hex: the same file for the same run resumes the same upload',
    example: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  })
  @Matches(/^[0-9a-fA-F]{64}$/, { message: 'sha256 must be 64 hexadecimal digits' })
  sha256: string;

  @ApiPropertyOptional({ description: 'Size of the file in bytes, if known (shown as progress; not enforced)' })
  @IsOptional()
  @IsInt8({ min: 0 })
  bytes?: number;
}

export class OcptvChunkQuery {
  @ApiProperty({ description: "Byte offset of this chunk in the file: the upload's committedBytes", minimum: 0 })
  @Type(() => Number)
  @IsInt8({ min: 0 })
  offset: number;

  @ApiPropertyOptional({
    description: 'The last chunk: the end of the stream is checked (testRunEnd, open series) and the upload completes',
    default: false,
  })
  @IsOptional()
  @Transform(({ value }) => value === true || value === 'true')
  @IsBoolean()
  final?: boolean;
}
