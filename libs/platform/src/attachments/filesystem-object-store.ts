import { createReadStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { checkObjectKey, ObjectStore, SpooledFile, StoredObject } from './object-store';

/**
 * Objects as files under one root folder (git-ignored `.rackeval/attachments` by default). The
 * spool folder is inside the root, so storing an upload is one atomic rename: a reader sees the
 * whole file or none.
 */
export class FilesystemObjectStore implements ObjectStore {
  readonly kind = 'fs' as const;
  readonly root: string;
  readonly spoolDir: string;

  constructor(root: string) {
    this.root = resolve(root);
    this.spoolDir = join(this.root, '.spool');
  }

  async init(): Promise<this> {
    await mkdir(this.spoolDir, { recursive: true });
    return this;
  }

  async put(key: string, file: SpooledFile): Promise<void> {
    const target = this.pathOf(key);
    await mkdir(dirname(target), { recursive: true });
    await rename(file.path, target);
  }

  async get(key: string): Promise<StoredObject | undefined> {
    const path = this.pathOf(key);
    const stats = await stat(path).catch(() => undefined);
    if (!stats?.isFile()) return undefined;
    return { body: createReadStream(path), size: stats.size };
  }

  async exists(key: string): Promise<boolean> {
    return (await stat(this.pathOf(key)).catch(() => undefined))?.isFile() ?? false;
  }

  /** Removes an object (tests and operators; the service never deletes evidence). */
  async remove(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }

  private pathOf(key: string): string {
    return join(this.root, 'objects', checkObjectKey(key));
  }
}
