/** The settings a service with attachments declares (each service's config class validates them). */
export interface AttachmentStoreConfig {
  /** `fs`: files under ATTACHMENTS_DIR; `s3`: an S3-compatible bucket. */
  ATTACHMENTS_STORE: 'fs' | 's3';
  ATTACHMENTS_DIR: string;
  ATTACHMENTS_MAX_BYTES: number;
  /** Accepted media types, comma-separated. */
  ATTACHMENTS_MEDIA_TYPES: string;
  ATTACHMENTS_S3_ENDPOINT?: string;
  ATTACHMENTS_S3_REGION: string;
  ATTACHMENTS_S3_BUCKET?: string;
  ATTACHMENTS_S3_ACCESS_KEY_ID?: string;
  ATTACHMENTS_S3_SECRET_ACCESS_KEY?: string;
  ATTACHMENTS_S3_PREFIX?: string;
}
