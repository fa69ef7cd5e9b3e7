import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';

/**
 * `:id` of a service account: the UUID (version 4) the gateway gave it when it was created. Any
 * other text is the global pipe's 400 VALIDATION_FAILED naming `id`; a well-formed id of no account
 * is 404 SERVICE_ACCOUNT_NOT_FOUND.
 */
export class ServiceAccountIdParam {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('4', { message: 'id must be a service account id, a UUID (version 4) as the gateway returned it at creation' })
  id: string;
}
