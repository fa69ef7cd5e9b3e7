import { FilesystemObjectStore } from './filesystem-object-store';
import type { ObjectStore } from './object-store';
import { S3ObjectStore, S3StoreSettings } from './s3-object-store';

export type ObjectStoreSettings = { kind: 'fs'; root: string } | ({ kind: 's3' } & S3StoreSettings);

/** The store configuration chooses: a folder (default) or an S3-compatible bucket. */
export function createObjectStore(settings: ObjectStoreSettings): Promise<ObjectStore> {
  return settings.kind === 's3' ? new S3ObjectStore(settings).init() : new FilesystemObjectStore(settings.root).init();
}
