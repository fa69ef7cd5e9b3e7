import { IsInt, IsString, IsUUID, Matches, MaxLength, Min } from 'class-validator';
import { IsUtcTimestamp } from '../validation';

/**
 * What every "attachment added" payload says of the file, whichever service keeps it: the bytes
 * are in that service's object store, named by their SHA-256. Each payload adds what the file is
 * attached to.
 */
export abstract class AttachmentAddedFieldsV1 {
  @IsUUID() attachmentId: string;
  @IsString() @MaxLength(255) filename: string;
  @IsString() @MaxLength(127) mediaType: string;
  @IsInt() @Min(0) size: number;
  @Matches(/^[0-9a-f]{64}$/) sha256: string;
  @IsString() @MaxLength(120) actor: string;
  @IsUtcTimestamp() occurredAt: string;
}
