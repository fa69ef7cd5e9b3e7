import { FactoryProvider, Module } from '@nestjs/common';
import { SERVICE_CONFIG } from '../service.module';
import { AttachmentFiles } from './attachment-files';
import { OBJECT_STORE, type ObjectStore } from './object-store';
import type { AttachmentStoreConfig } from './attachment-store.config';
import { createObjectStore } from './object-store.factory';

/** The store the configuration names: a folder (ATTACHMENTS_DIR) unless ATTACHMENTS_STORE=s3. */
export const objectStoreProvider: FactoryProvider<Promise<ObjectStore>> = {
  provide: OBJECT_STORE,
  inject: [SERVICE_CONFIG],
  useFactory: (config: AttachmentStoreConfig) =>
    config.ATTACHMENTS_STORE === 's3'
      ? createObjectStore({
          kind: 's3',
          endpoint: config.ATTACHMENTS_S3_ENDPOINT!,
          region: config.ATTACHMENTS_S3_REGION,
          bucket: config.ATTACHMENTS_S3_BUCKET!,
          accessKeyId: config.ATTACHMENTS_S3_ACCESS_KEY_ID!,
          secretAccessKey: config.ATTACHMENTS_S3_SECRET_ACCESS_KEY!,
          prefix: config.ATTACHMENTS_S3_PREFIX,
        })
      : createObjectStore({ kind: 'fs', root: config.ATTACHMENTS_DIR }),
};

/**
 * A service's object store and its upload pipeline, from the service's configuration. Every module
 * that imports it shares the same instances: one store per service, whichever capability attaches files.
 */
@Module({
  providers: [objectStoreProvider, AttachmentFiles],
  exports: [OBJECT_STORE, AttachmentFiles],
})
export class AttachmentStoreModule {}
