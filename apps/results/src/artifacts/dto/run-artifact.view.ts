import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ApiDateTime, ApiNullable } from '@rackeval/platform';
import { ARTIFACT_RECORD_KINDS, type ArtifactRecordKind } from '../../ocptv/ocptv.parser';
import { VALIDATOR_TYPES, type ValidatorType } from '../../ocptv/ocptv-validators';

export class ValidatorOutcomeView {
  @ApiProperty({ enum: VALIDATOR_TYPES, enumName: 'OcptvValidatorType' }) type: ValidatorType;
  @ApiPropertyOptional() name?: string;
  @ApiProperty() passed: boolean;
  @ApiPropertyOptional({ description: 'Why the validator could not be evaluated (it then counts as failed)' }) problem?: string;
}

/** The run's attachment holding a file artifact's bytes, when the file came with the OCPTV upload. */
export class ArtifactAttachmentView {
  @ApiProperty({ format: 'uuid', description: 'The attachment' }) id: string;
  @ApiProperty({ example: 'harness.log' }) filename: string;
  @ApiProperty({ example: 'text/plain' }) mediaType: string;
  @ApiProperty({ type: 'integer', description: 'Bytes' }) size: number;
  @ApiProperty({ pattern: '^[0-9a-f]{64}$', description: "SHA-256 of the bytes (also the download's ETag)" }) sha256: string;
  @ApiProperty({ example: '/v1/runs/{runId}/attachments/{attachmentId}', description: 'Where to download it (relative to the service)' })
  href: string;
}

export class RunArtifactView {
  @ApiProperty() id: number;
  @ApiProperty({ enum: ARTIFACT_RECORD_KINDS, enumName: 'RunArtifactKind' }) kind: ArtifactRecordKind;
  @ApiProperty({ description: "The artifact's OCPTV sequenceNumber" }) sequence: number;
  @ApiDateTime({ description: "When it was observed (a series element's own timestamp, else the artifact's)" }) at: string;
  @ApiPropertyOptional({ description: 'testStepId; absent for run-level logs and errors' }) stepId?: string;
  @ApiPropertyOptional({ description: 'Measurement name, diagnosis verdict, error symptom or file display name' }) name?: string;
  @ApiPropertyOptional({
    description: "A measurement's value: a number, a boolean or a string",
    oneOf: [{ type: 'number' }, { type: 'boolean' }, { type: 'string' }],
  })
  value?: number | boolean | string;
  @ApiPropertyOptional() unit?: string;
  @ApiPropertyOptional({ description: 'Hardware (by its DUT info name) or subcomponent' }) component?: string;
  @ApiPropertyOptional() hardwareInfoId?: string;
  @ApiPropertyOptional({ description: 'Log severity (an error artifact is ERROR) or diagnosis type (PASS, FAIL, UNKNOWN)' }) level?: string;
  @ApiPropertyOptional({ description: 'Log or error message, diagnosis message, file description' }) message?: string;
  @ApiPropertyOptional() uri?: string;
  @ApiPropertyOptional() contentType?: string;
  @ApiPropertyOptional({ type: [ValidatorOutcomeView] }) validators?: ValidatorOutcomeView[];
  @ApiPropertyOptional({ enum: ['PASS', 'FAIL'], enumName: 'OcptvValidation' }) validation?: 'PASS' | 'FAIL';
  @ApiPropertyOptional({
    description: "A numeric measurement also stored with the run's measurements (listed here because a validator failed)",
  })
  inMeasurements?: boolean;
  @ApiProperty() recordedBy: string;
  @ApiPropertyOptional({
    type: ArtifactAttachmentView,
    description: 'A file artifact whose file came with the upload (multipart): the run attachment holding it; absent for a reference',
  })
  attachment?: ArtifactAttachmentView;
}

export class ArtifactCountView {
  @ApiProperty({ enum: ARTIFACT_RECORD_KINDS, enumName: 'RunArtifactKind' }) kind: ArtifactRecordKind;
  @ApiNullable(String) level: string | null;
  @ApiProperty() count: number;
}

export class RunArtifactPage {
  @ApiProperty({ type: [RunArtifactView] }) items: RunArtifactView[];
  @ApiNullable(Number, { description: 'Pass as `after` for the next page; null at the end' }) nextAfter: number | null;
  @ApiProperty({ type: [ArtifactCountView], description: "All of the run's artifacts counted by kind and level (not only this page)" })
  counts: ArtifactCountView[];
}

export class RunDutView {
  @ApiProperty({ format: 'uuid' }) runId: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description:
      'testRunStart.dutInfo as the harness wrote it: dutInfoId, name, platformInfos, softwareInfos (firmware, system, application), hardwareInfos',
  })
  dut: Record<string, unknown>;
  @ApiProperty() recordedBy: string;
  @ApiDateTime() recordedAt: string;
}
