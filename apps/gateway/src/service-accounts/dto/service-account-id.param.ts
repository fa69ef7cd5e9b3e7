import { ApiProperty } from '@nestjs/swagger';
import { IsString } from 'class-validator';

/**
 * `:id` of a service account. An id that is not a UUID names no account: the service answers 404
 * SERVICE_ACCOUNT_NOT_FOUND naming `id`, as it does for an unknown client id at sign-in.
 */
export class ServiceAccountIdParam {
  @ApiProperty({ format: 'uuid' }) @IsString() id: string;
}
