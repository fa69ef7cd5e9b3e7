import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional, IsString, Matches, MaxLength } from 'class-validator';

export class CreateServiceAccountDto {
  @ApiProperty({ example: 'burnin-bay-3', description: 'lower-case letters, digits and dashes, 3–63 characters; unique' })
  @IsString()
  @Matches(/^[a-z0-9][a-z0-9-]{2,62}$/, {
    message: 'name must be 3–63 lower-case letters, digits or dashes, starting with a letter or digit',
  })
  name: string;

  @ApiProperty({
    enum: ['test-engineer', 'viewer'],
    description: 'test-engineer or narrower (viewer); intake, finance and admin are refused (422)',
  })
  @IsString()
  role: string;

  @ApiPropertyOptional({ example: 'SJC-2', description: 'the site the account works at, carried in its tokens as the `site` claim' })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/, { message: 'site must be 1–64 letters, digits, dots, dashes or underscores' })
  site?: string;

  @ApiProperty({
    example: '2027-06-30T00:00:00.000Z',
    description: 'UTC ISO-8601; in the future and within SERVICE_ACCOUNT_MAX_LIFETIME_DAYS',
  })
  @IsISO8601({ strict: true }, { message: 'expiresAt must be an ISO-8601 time' })
  expiresAt: string;

  @ApiPropertyOptional({ example: 'burn-in harness of bay 3', description: 'kept in the audit trail' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string;
}

export class ServiceAccountActionDto {
  @ApiPropertyOptional({ example: 'secret found in a CI log', description: 'kept in the audit trail' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string;
}

export class ServiceAccountView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid', description: 'the client id of the client-credentials grant (the account id)' }) clientId: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ['test-engineer', 'viewer'] }) role: string;
  @ApiProperty({ nullable: true, type: String }) site: string | null;
  @ApiProperty({ format: 'date-time' }) expiresAt: string;
  @ApiProperty({ enum: ['ACTIVE', 'EXPIRED', 'REVOKED'] }) state: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty() createdBy: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) revokedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) revokedBy: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time', description: 'when it last obtained a token' }) lastUsedAt:
    string | null;
  @ApiProperty({ description: 'rises by one with each rotation' }) secretVersion: number;
}

export class ServiceAccountAuditView {
  @ApiProperty({ enum: ['CREATED', 'ROTATED', 'REVOKED'] }) action: string;
  @ApiProperty() actor: string;
  @ApiProperty() actorId: string;
  @ApiProperty({ nullable: true, type: String }) reason: string | null;
  @ApiProperty({ format: 'date-time' }) at: string;
}

export class ServiceAccountDetailView extends ServiceAccountView {
  @ApiProperty({ type: [ServiceAccountAuditView] }) audit: ServiceAccountAuditView[];
}

export class ServiceAccountSecretView {
  @ApiProperty({ type: ServiceAccountView }) account: ServiceAccountView;
  @ApiProperty({ description: 'shown this once; only its hash is kept' }) clientSecret: string;
}
