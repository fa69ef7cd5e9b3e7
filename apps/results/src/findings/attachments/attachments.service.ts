import { Inject, Injectable } from '@nestjs/common';
import { AttachmentAdded, type AttachmentSubject } from '@rackeval/contracts';
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
import type { ResultsConfig } from '../../config';
import type { AttachmentView } from '../dto/attachment.view';
import { FindingSourcesRepository } from '../finding-rack.repository';
import { FindingRepository } from '../finding.repository';
import { ResultsError, ResultsErrorCode, unknownFinding, unknownRun } from '../../results.errors';
import { AttachmentRecord, AttachmentRepository } from './attachment.repository';
import { toAttachmentView } from './attachment-views';
import { OBJECT_STORE } from './object-store.provider';
import { appendFindingHistory } from '../finding-transitions';

/**
 * Evidence on findings and runs. The bytes are checked while they stream in (size, media type,
 * SHA-256), stored content-addressed, and only then is the attachment recorded with its event: a
 * refused upload records nothing; a failed commit leaves at most an unreferenced object whose
 * content another upload of the same bytes would reuse.
 */
@Injectable()
export class AttachmentsService {
  private readonly policy: UploadPolicy;

  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly dataSource: DataSource,
    @Inject(OBJECT_STORE) private readonly store: ObjectStore,
    @Inject(SERVICE_CONFIG) config: ResultsConfig,
  ) {
    this.policy = {
      maxBytes: config.ATTACHMENTS_MAX_BYTES,
      maxBytesSetting: 'ATTACHMENTS_MAX_BYTES',
      allowed: config.ATTACHMENTS_MEDIA_TYPES.split(','),
    };
  }

  async attach(
    subject: AttachmentSubject,
    subjectId: string,
    upload: IncomingUpload,
    filename: string,
    actor: string,
  ): Promise<AttachmentView> {
    const rackSerial = await this.rackOf(this.dataSource.manager, subject, subjectId).catch((error) => {
      upload.body.resume();
      throw error;
    });
    const file = await receiveUpload(upload, this.policy, this.store.spoolDir);
    const key = await this.keep(file);
    const record: AttachmentRecord = {
      id: randomUUID(),
      subject,
      subjectId,
      rackSerial,
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
      if (subject === 'FINDING') {
        const finding = (await FindingRepository.find(tx.manager, subjectId, 'update'))!;
        await appendFindingHistory(tx.manager, subjectId, {
          action: 'attach',
          fromState: finding.state,
          toState: finding.state,
          actor,
          at: record.uploadedAt,
          note: filename,
          changes: { attachment: { id: record.id, filename, sha256: file.sha256, size: file.size } },
        });
      }
      const { id: attachmentId, objectKey: _key, uploadedBy, uploadedAt, ...described } = record;
      tx.publish(AttachmentAdded, { attachmentId, ...described, actor: uploadedBy, occurredAt: uploadedAt });
    });
    return toAttachmentView(record);
  }

  async list(subject: AttachmentSubject, subjectId: string): Promise<AttachmentView[]> {
    const manager = this.dataSource.manager;
    await this.rackOf(manager, subject, subjectId);
    return (await AttachmentRepository.list(manager, subject, subjectId)).map(toAttachmentView);
  }

  /** The stored bytes and the headers of their download; 404 naming the attachment when either is missing. */
  async open(
    subject: AttachmentSubject,
    subjectId: string,
    attachmentId: string,
  ): Promise<{ object: StoredObject; headers: DownloadHeaders }> {
    const attachment = await AttachmentRepository.find(this.dataSource.manager, subject, subjectId, attachmentId);
    const object = attachment && (await this.store.get(attachment.objectKey));
    if (!attachment || !object) {
      throw new ResultsError(
        ResultsErrorCode.UNKNOWN_ATTACHMENT,
        `attachment ${attachmentId} of ${subject.toLowerCase()} ${subjectId} does not exist`,
        [{ field: 'attachmentId', message: `no attachment ${attachmentId}` }],
      );
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

  private async rackOf(manager: EntityManager, subject: AttachmentSubject, subjectId: string): Promise<string> {
    if (subject === 'FINDING') {
      const finding = await FindingRepository.find(manager, subjectId);
      if (!finding) throw unknownFinding(subjectId);
      return finding.rackSerial;
    }
    const run = await FindingSourcesRepository.run(manager, subjectId);
    if (!run) throw unknownRun(subjectId);
    return run.rackSerial;
  }
}
