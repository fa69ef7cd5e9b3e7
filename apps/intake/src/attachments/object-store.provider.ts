import { FactoryProvider } from '@nestjs/common';
import { createObjectStore, ObjectStore, SERVICE_CONFIG } from '@rackeval/platform';
import type { IntakeConfig } from '../config';

export const OBJECT_STORE = Symbol('OBJECT_STORE');

/** Intake's attachment store, as the configuration names it: a folder (ATTACHMENTS_DIR) unless ATTACHMENTS_STORE=s3. */
export const objectStoreProvider: FactoryProvider<Promise<ObjectStore>> = {
  provide: OBJECT_STORE,
  inject: [SERVICE_CONFIG],
  useFactory: (config: IntakeConfig) =>
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
