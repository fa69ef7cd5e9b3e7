import type { Readable } from 'node:stream';

/** A file already received, checked and spooled to local disk: what a store keeps. */
export interface SpooledFile {
  path: string;
  size: number;
  mediaType: string;
  sha256: string;
}

export interface StoredObject {
  body: Readable;
  size: number;
}

/**
 * Where attachment bytes live: a folder for `npm start` and tests, any S3-compatible store in
 * production. Keys are content addressed by the caller, so storing the same bytes twice is harmless.
 */
export interface ObjectStore {
  readonly kind: 'fs' | 's3';
  /** A local folder where uploads are spooled before they are stored (on the store's own disk for `fs`, so storing is a rename). */
  readonly spoolDir: string;
  /** Stores the spooled file under `key` and consumes it (the spool file is gone afterwards). */
  put(key: string, file: SpooledFile): Promise<void>;
  /** The object's bytes as a stream, or undefined when no object has the key. */
  get(key: string): Promise<StoredObject | undefined>;
  exists(key: string): Promise<boolean>;
}

/** Injection token of a service's one object store (provided by AttachmentStoreModule). */
export const OBJECT_STORE = Symbol('OBJECT_STORE');

/** Keys are lowercase paths of letters, digits, `-` and `/` (e.g. `sha256/ab/abcdef…`): never `..`, never absolute. */
export const OBJECT_KEY = /^[a-z0-9-]+(\/[a-z0-9-]+)*$/;

export function checkObjectKey(key: string): string {
  if (!OBJECT_KEY.test(key) || key.length > 512) throw new Error(`not an object key: ${JSON.stringify(key)}`);
  return key;
}

/** The content-addressed key of a file: `sha256/<first two hex>/<hash>`. */
export const contentKey = (sha256: string): string => checkObjectKey(`sha256/${sha256.slice(0, 2)}/${sha256}`);
