import { ApiProperty } from '@nestjs/swagger';
import { IsLabel } from '@rackeval/platform';
import { Matches } from 'class-validator';

/** The file's name travels as a query parameter; its bytes are the raw request body, its media type the Content-Type. */
export class AttachmentUploadQuery {
  @ApiProperty({ example: 'damage-on-arrival.png', description: 'The file name shown and used on download (no folders)' })
  @IsLabel(255)
  @Matches(/^[^/\\]+$/, { message: 'filename must be a file name without folders (no / or \\)' })
  @Matches(/^(?!\.{1,2}$)/, { message: 'filename must not be . or ..' })
  filename: string;
}
