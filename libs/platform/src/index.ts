export { bootstrapService, configureHttp } from './bootstrap';
export {
  IsKafkaSaslMechanism,
  IsKafkaSaslPassword,
  IsKafkaSaslUsername,
  type KafkaSaslMechanismName,
  kafkaSaslOf,
  kafkaSaslProblems,
} from './config/kafka-sasl';
export { ConfigError, loadConfig } from './config/load-config';
export { HttpConfig, ServiceConfig } from './config/service-config';
export { COPY_SIGNATURE, COPY_TRAILER, type CopyFormat, copyLine, copyRows, CopyStream, copyText, copyValue } from './database/copy';
export { migrateService, migrationOptions } from './database/database-options';
export { DomainError, type DomainErrorOptions, type ErrorDetail, ErrorKind, RequestValidationError } from './http/domain-error';
export { AwaitsEvent, type AwaitsEventOptions, preferredWait } from './http/awaits-event.decorator';
export { Consumes, MediaTypeGuard, mediaTypeOf } from './http/consumes.decorator';
export { JsonArrayItems, jsonBodyOf } from './http/json-text-body';
export { refuseNulCharacters } from './http/validation';
export { answer, onceForKey } from './idempotency/idempotency';
export { IdempotencyJanitor } from './idempotency/idempotency-janitor';
export * from './idempotency/idempotent.decorator';
export { CORRELATION_HEADER } from './http/request-context.middleware';
export { MetricsController } from './observability/metrics.controller';
export { JsonLogger } from './logging/json-logger';
export { authSettings, SERVICE_CONFIG, type ServiceDefinition, ServiceModule } from './service.module';
export { Decimal } from './decimal/decimal';
export { Cursor, InvalidCursorError, type Page, PageQuery } from './pagination/cursor-page';
export { ApiDateTime, ApiDecimal, ApiErrors, ApiIdempotencyKey, ApiNullable, offlineOpenApiDocument, PageOf } from './openapi';
export {
  IntParam,
  IsInt4,
  IsInt8,
  IsLabel,
  IsNumericString,
  IsText,
  isUtcInstant,
  IsUtcInstant,
  parseRfc3339,
  PRINTABLE_TEXT,
} from './validation';
export { appendOnly, grantRuntimeRole, runtimeRoleOf, type SqlRunner } from './database/database-roles';
export { ProgrammeSnapshotsMigration, SnapshotRepository } from './database/snapshots';
export { inSnapshot, readInSnapshot } from './database/read-snapshot';
export { startTracing } from './observability/tracing';
export { PeriodicTask } from './scheduling/periodic-task';
export {
  ApiAttachmentDownload,
  ApiAttachmentList,
  ApiAttachmentUpload,
  type AttachmentFile,
  attachmentFileView,
  AttachmentFiles,
  type AttachmentOwnerPort,
  type AttachmentRow,
  attachmentRoutes,
  type AttachmentRoutesOf,
  type AttachmentRoutesService,
  type AttachmentStoreConfig,
  AttachmentStoreModule,
  attachmentTable,
  type AttachmentTableShape,
  contentKey,
  createObjectStore,
  DEFAULT_ATTACHMENT_MEDIA_TYPES,
  discardSpooled,
  type DownloadHeaders,
  type IncomingUpload,
  OBJECT_STORE,
  type ObjectStore,
  type OpenedAttachment,
  receiveUpload,
  sendAttachment,
  type SpooledFile,
  type StoredObject,
  streamDownload,
  UploadedBody,
  type UploadPolicy,
} from './attachments';
export * from './exports';
export * from './state-machine/state-machine';
export { domainErrorOf, type ErrorCodes, errorCodes, type ErrorCodesByKind } from './errors/domain-errors';
export { serviceConfigFor } from './service-config/service-config-for';
export { ProgrammeFigures, ProgrammeRoutes } from './programme/programme-routes';
export { type GenerationSource, ProgrammeFiguresRepository } from './programme/programme-figures.repository';
export { entityOf, nestedRowSql, type NestedRow, recordOf, type Row, rowOfNested } from './database/rows';
export * from './webhooks';
