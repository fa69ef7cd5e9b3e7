import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';

export class SignInDto {
  @ApiProperty({ example: 'fiona' }) @IsString() @MaxLength(120) username: string;
  @ApiProperty({ example: 'rackeval' }) @IsString() @MaxLength(200) password: string;
}
