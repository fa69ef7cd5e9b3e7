import { ApiProperty } from '@nestjs/swagger';

/** The multipart form of an OCPTV upload (documentation only: the body is read as a stream). */
export class OcptvMultipartBody {
  @ApiProperty({
    type: 'string',
    format: 'binary',
    description: 'The OCPTV output (application/x-ndjson), one artifact per line',
  })
  stream: string;

  @ApiProperty({
    type: 'string',
    format: 'binary',
    required: false,
    description:
      "Any other part: a file named by a `file` artifact of the stream (the part's filename is the last segment of the artifact's uri, or its displayName), with its own Content-Type; held to the attachments' size limit and media types. A part no artifact names is refused",
  })
  file?: string;
}
