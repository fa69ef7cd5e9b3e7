import { Injectable } from '@nestjs/common';
import { AttachmentAdded, type AttachmentSubject } from '@rackeval/contracts';
import { type Transaction, UnitOfWork } from '@rackeval/messaging';
import { AttachmentFiles, IncomingUpload, OpenedAttachment } from '@rackeval/platform';
import { DataSource, EntityManager } from 'typeorm';
import type { AttachmentView } from '../dto/attachment.view';
import { FindingSourcesRepository } from '../finding-rack.repository';
import { FindingRepository } from '../finding.repository';
import { ResultsError, ResultsErrorCode, unknownFinding, unknownRun } from '../../results.errors';
import { AttachmentRecord, AttachmentRepository } from './attachment.repository';
import { toAttachmentView } from './attachment-views';
import { appendFindingHistory } from '../finding-transitions';

/** Publishes AttachmentAdded for a recorded attachment of a finding or a run (all it says but where the bytes are). */
export function publishAttachmentAdded(tx: Transaction, record: AttachmentRecord): void {
  const { id: attachmentId, objectKey: _key, uploadedBy, uploadedAt, ...described } = record;
  tx.publish(AttachmentAdded, { attachmentId, ...described, actor: uploadedBy, occurredAt: uploadedAt });
}

/** What evidence is attached to: a finding or a run, by its id. */
export interface EvidenceSubject {
  subject: AttachmentSubject;
  subjectId: string;
}

/**
 * Evidence on findings and runs. The subject is looked up before the body is read (an unknown one
 * is a 404 naming it); AttachmentFiles checks and stores the bytes, and only then is the attachment
 * recorded with its event (and, on a finding, a line of its history).
 */
@Injectable()
export class AttachmentsService {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly dataSource: DataSource,
    private readonly files: AttachmentFiles,
  ) {}

  async attach({ subject, subjectId }: EvidenceSubject, upload: IncomingUpload, filename: string, actor: string): Promise<AttachmentView> {
    const record = await this.files.attach(
      {
        locate: async () => ({ subject, subjectId, rackSerial: await this.rackOf(this.dataSource.manager, subject, subjectId) }),
        record: (attachment: AttachmentRecord) => this.record(attachment),
      },
      upload,
      filename,
      actor,
    );
    return toAttachmentView(record);
  }

  async list({ subject, subjectId }: EvidenceSubject): Promise<AttachmentView[]> {
    const manager = this.dataSource.manager;
    await this.rackOf(manager, subject, subjectId);
    return (await AttachmentRepository.list(manager, subject, subjectId)).map(toAttachmentView);
  }

  /** The stored bytes and the headers of their download; 404 naming the attachment when either is missing. */
  async open({ subject, subjectId }: EvidenceSubject, attachmentId: string): Promise<OpenedAttachment> {
    const attachment = await AttachmentRepository.find(this.dataSource.manager, subject, subjectId, attachmentId);
    return this.files.open(
      attachment,
      () =>
        new ResultsError(
          ResultsErrorCode.UNKNOWN_ATTACHMENT,
          `attachment ${attachmentId} of ${subject.toLowerCase()} ${subjectId} does not exist`,
          [{ field: 'attachmentId', message: `no attachment ${attachmentId}` }],
        ),
    );
  }

  private record(record: AttachmentRecord): Promise<void> {
    return this.unitOfWork.run(async (tx) => {
      await AttachmentRepository.insert(tx.manager, record);
      if (record.subject === 'FINDING') {
        const finding = (await FindingRepository.find(tx.manager, record.subjectId, 'update'))!;
        await appendFindingHistory(tx.manager, record.subjectId, {
          action: 'attach',
          fromState: finding.state,
          toState: finding.state,
          actor: record.uploadedBy,
          at: record.uploadedAt,
          note: record.filename,
          changes: { attachment: { id: record.id, filename: record.filename, sha256: record.sha256, size: record.size } },
        });
      }
      publishAttachmentAdded(tx, record);
    });
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
