import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { SERVICE_CONFIG } from '../service.module';
import type { DownloadHeaders } from './attachment-download';
import type { AttachmentStoreConfig } from './attachment-store.config';
import { contentKey, OBJECT_STORE, type ObjectStore, type SpooledFile, type StoredObject } from './object-store';
import { discardSpooled, type IncomingUpload, receiveUpload, type UploadPolicy } from './receive-upload';

/** What every attachment row holds about its file, whatever it is attached to. */
export interface AttachmentFile {
  id: string;
  filename: string;
  mediaType: string;
  size: number;
  sha256: string;
  objectKey: string;
  uploadedBy: string;
  uploadedAt: string;
}

/**
 * What a service says about the owners of its attachments. `locate` runs before the body is read:
 * it throws (a 404 naming the owner) when the owner is unknown, else answers the owner's columns of
 * the new row. `record` runs once the bytes are stored: it writes the row and its events.
 */
export interface AttachmentOwnerPort<Located extends object> {
  locate(): Promise<Located>;
  record(attachment: Located & AttachmentFile): Promise<unknown>;
}

/** An attachment's bytes and the headers of their download. */
export interface OpenedAttachment {
  object: StoredObject;
  headers: DownloadHeaders;
}

/**
 * The upload pipeline every attachment goes through: the owner is looked up first, the bytes are
 * checked while they stream in (size, media type against the allow-list and the file's first bytes,
 * SHA-256), stored content-addressed, and only then recorded. A refused upload records and stores
 * nothing; a failed record leaves at most an unreferenced object, which the same bytes uploaded
 * again reuse.
 */
@Injectable()
export class AttachmentFiles {
  /** What each file is held to: ATTACHMENTS_MAX_BYTES and ATTACHMENTS_MEDIA_TYPES. */
  readonly policy: UploadPolicy;

  constructor(
    @Inject(OBJECT_STORE) private readonly store: ObjectStore,
    @Inject(SERVICE_CONFIG) config: AttachmentStoreConfig,
  ) {
    this.policy = {
      maxBytes: config.ATTACHMENTS_MAX_BYTES,
      maxBytesSetting: 'ATTACHMENTS_MAX_BYTES',
      allowed: config.ATTACHMENTS_MEDIA_TYPES.split(','),
    };
  }

  /** Where uploads are spooled while they stream in (the store's own disk for a folder store). */
  get spoolDir(): string {
    return this.store.spoolDir;
  }

  /** Receives, checks and stores an upload, then records it through the owner's port; answers the record. */
  async attach<Located extends object>(
    owner: AttachmentOwnerPort<Located>,
    upload: IncomingUpload,
    filename: string,
    actor: string,
  ): Promise<Located & AttachmentFile> {
    const located = await owner.locate().catch((error) => {
      upload.body.resume();
      throw error;
    });
    const file = await receiveUpload(upload, this.policy, this.store.spoolDir);
    const attachment: Located & AttachmentFile = {
      id: randomUUID(),
      ...located,
      filename,
      mediaType: file.mediaType,
      size: file.size,
      sha256: file.sha256,
      objectKey: await this.keep(file),
      uploadedBy: actor,
      uploadedAt: new Date().toISOString(),
    };
    await owner.record(attachment);
    return attachment;
  }

  /** Stores a spooled file under its content key (once: the same bytes stored again reuse the object) and answers the key. */
  async keep(file: SpooledFile): Promise<string> {
    const key = contentKey(file.sha256);
    try {
      if (await this.store.exists(key)) await discardSpooled(file);
      else await this.store.put(key, file);
    } catch (error) {
      await discardSpooled(file);
      throw error;
    }
    return key;
  }

  /** The stored bytes of an attachment and the headers of their download; `notFound()` is thrown when either is missing. */
  async open(attachment: AttachmentFile | undefined, notFound: () => Error): Promise<OpenedAttachment> {
    const object = attachment && (await this.store.get(attachment.objectKey));
    if (!attachment || !object) throw notFound();
    return {
      object,
      headers: { mediaType: attachment.mediaType, size: attachment.size, sha256: attachment.sha256, filename: attachment.filename },
    };
  }
}
