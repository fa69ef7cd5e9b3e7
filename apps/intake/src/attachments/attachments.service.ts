import { Injectable } from '@nestjs/common';
import { IntakeAttachmentAdded } from '@rackeval/contracts';
import { UnitOfWork } from '@rackeval/messaging';
import { AttachmentFiles, IncomingUpload, OpenedAttachment } from '@rackeval/platform';
import { DataSource, EntityManager } from 'typeorm';
import { deliveryNotFound, inspectionNotFound, IntakeError, IntakeErrorCode, rackNotFound, rmaNotFound } from '../intake.errors';
import { AttachmentOwner, describeOwner, storedOwner } from './attachment-owner.rules';
import { AttachmentRecord, AttachmentRepository } from './attachment.repository';
import { toAttachmentView } from './attachment-views';
import type { AttachmentView } from './dto/attachment.view';

/**
 * Files on deliveries, inspections and RMAs. The owner is looked up before the body is read (an
 * unknown one is a 404 naming it); AttachmentFiles checks and stores the bytes, and only then is the
 * attachment recorded with its event.
 */
@Injectable()
export class AttachmentsService {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly dataSource: DataSource,
    private readonly files: AttachmentFiles,
  ) {}

  async attach(owner: AttachmentOwner, upload: IncomingUpload, filename: string, actor: string): Promise<AttachmentView> {
    const record = await this.files.attach(
      {
        locate: async () => {
          await this.checkOwner(this.dataSource.manager, owner);
          return storedOwner(owner);
        },
        record: (attachment: AttachmentRecord) => this.record(attachment),
      },
      upload,
      filename,
      actor,
    );
    return toAttachmentView(record);
  }

  async list(owner: AttachmentOwner): Promise<AttachmentView[]> {
    const manager = this.dataSource.manager;
    await this.checkOwner(manager, owner);
    const { kind, ownerId } = storedOwner(owner);
    return (await AttachmentRepository.list(manager, kind, ownerId)).map(toAttachmentView);
  }

  /** The stored bytes and the headers of their download; 404 naming the attachment when either is missing. */
  async open(owner: AttachmentOwner, attachmentId: string): Promise<OpenedAttachment> {
    const { kind, ownerId, rackSerial } = storedOwner(owner);
    const attachment = await AttachmentRepository.find(this.dataSource.manager, kind, ownerId, attachmentId);
    // An inspection's id is unique, but the path also names its rack: another rack's path does not reach it.
    return this.files.open(
      attachment && attachment.rackSerial === rackSerial ? attachment : undefined,
      () =>
        new IntakeError(IntakeErrorCode.UNKNOWN_ATTACHMENT, `attachment ${attachmentId} of ${describeOwner(owner)} does not exist`, [
          { field: 'attachmentId', message: `no attachment ${attachmentId}` },
        ]),
    );
  }

  private record(record: AttachmentRecord): Promise<void> {
    return this.unitOfWork.run(async (tx) => {
      await AttachmentRepository.insert(tx.manager, record);
      tx.publish(IntakeAttachmentAdded, {
        attachmentId: record.id,
        owner: record.kind,
        ownerId: record.ownerId,
        ...(record.rackSerial ? { rackSerial: record.rackSerial } : {}),
        filename: record.filename,
        mediaType: record.mediaType,
        size: record.size,
        sha256: record.sha256,
        actor: record.uploadedBy,
        occurredAt: record.uploadedAt,
      });
    });
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
