import { Inject, Injectable } from '@nestjs/common';
import { IntakeAttachmentAdded } from '@rackeval/contracts';
import { UnitOfWork } from '@rackeval/messaging';
import {
  contentKey,
  discardSpooled,
  DownloadHeaders,
  IncomingUpload,
  ObjectStore,
  receiveUpload,
  SERVICE_CONFIG,
  SpooledFile,
  StoredObject,
  UploadPolicy,
} from '@rackeval/platform';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import type { IntakeConfig } from '../config';
import { deliveryNotFound, inspectionNotFound, IntakeError, IntakeErrorCode, rackNotFound, rmaNotFound } from '../intake.errors';
import { AttachmentOwner, describeOwner, storedOwner } from './attachment-owner.rules';
import { AttachmentRecord, AttachmentRepository } from './attachment.repository';
import { toAttachmentView } from './attachment-views';
import type { AttachmentView } from './dto/attachment.view';
import { OBJECT_STORE } from './object-store.provider';

/**
 * Files on deliveries, inspections and RMAs. The owner is looked up before the body is read (an
 * unknown one is a 404 naming it); the bytes are checked while they stream in (size, media type,
 * SHA-256) and stored content-addressed, and only then is the attachment recorded with its event.
 * A refused upload records and stores nothing; a failed commit leaves at most an unreferenced
 * object, which another upload of the same bytes reuses.
 */
@Injectable()
export class AttachmentsService {
  private readonly policy: UploadPolicy;

  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly dataSource: DataSource,
    @Inject(OBJECT_STORE) private readonly store: ObjectStore,
    @Inject(SERVICE_CONFIG) config: IntakeConfig,
  ) {
    this.policy = {
      maxBytes: config.ATTACHMENTS_MAX_BYTES,
      maxBytesSetting: 'ATTACHMENTS_MAX_BYTES',
      allowed: config.ATTACHMENTS_MEDIA_TYPES.split(','),
    };
  }

  async attach(owner: AttachmentOwner, upload: IncomingUpload, filename: string, actor: string): Promise<AttachmentView> {
    await this.checkOwner(this.dataSource.manager, owner).catch((error) => {
      upload.body.resume();
      throw error;
    });
    const file = await receiveUpload(upload, this.policy, this.store.spoolDir);
    const key = await this.keep(file);
    const record: AttachmentRecord = {
      id: randomUUID(),
      ...storedOwner(owner),
      filename,
      mediaType: file.mediaType,
      size: file.size,
      sha256: file.sha256,
      objectKey: key,
      uploadedBy: actor,
      uploadedAt: new Date().toISOString(),
    };
    await this.unitOfWork.run(async (tx) => {
      await AttachmentRepository.insert(tx.manager, record);
      tx.publish(IntakeAttachmentAdded, {
        attachmentId: record.id,
        owner: record.kind,
        ownerId: record.ownerId,
        ...(record.rackSerial ? { rackSerial: record.rackSerial } : {}),
        filename,
        mediaType: record.mediaType,
        size: record.size,
        sha256: record.sha256,
        actor,
        occurredAt: record.uploadedAt,
      });
    });
    return toAttachmentView(record);
  }

  async list(owner: AttachmentOwner): Promise<AttachmentView[]> {
    const manager = this.dataSource.manager;
    await this.checkOwner(manager, owner);
    const { kind, ownerId } = storedOwner(owner);
    return (await AttachmentRepository.list(manager, kind, ownerId)).map(toAttachmentView);
  }

  /** The stored bytes and the headers of their download; 404 naming the attachment when either is missing. */
  async open(owner: AttachmentOwner, attachmentId: string): Promise<{ object: StoredObject; headers: DownloadHeaders }> {
    const { kind, ownerId, rackSerial } = storedOwner(owner);
    const attachment = await AttachmentRepository.find(this.dataSource.manager, kind, ownerId, attachmentId);
    // An inspection's id is unique, but the path also names its rack: another rack's path does not reach it.
    const object = attachment && attachment.rackSerial === rackSerial ? await this.store.get(attachment.objectKey) : undefined;
    if (!attachment || !object) {
      throw new IntakeError(IntakeErrorCode.UNKNOWN_ATTACHMENT, `attachment ${attachmentId} of ${describeOwner(owner)} does not exist`, [
        { field: 'attachmentId', message: `no attachment ${attachmentId}` },
      ]);
    }
    return {
      object,
      headers: { mediaType: attachment.mediaType, size: attachment.size, sha256: attachment.sha256, filename: attachment.filename },
    };
  }

  private async keep(file: SpooledFile): Promise<string> {
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

  /** 404 naming the delivery, rack, inspection or RMA the path names when intake does not know it. */
  private async checkOwner(manager: EntityManager, owner: AttachmentOwner): Promise<void> {
    switch (owner.kind) {
      case 'DELIVERY':
        if (!(await AttachmentRepository.deliveryExists(manager, owner.reference))) throw deliveryNotFound(owner.reference);
        return;
      case 'INSPECTION':
        if (await AttachmentRepository.inspectionExists(manager, owner.serial, owner.inspectionId)) return;
        if (!(await AttachmentRepository.rackExists(manager, owner.serial))) throw rackNotFound(owner.serial);
        throw inspectionNotFound(owner.serial, owner.inspectionId);
      case 'RMA':
        if (!(await AttachmentRepository.rmaExists(manager, owner.rmaId))) throw rmaNotFound(owner.rmaId);
        return;
    }
  }
}
