import { Injectable } from '@nestjs/common';
import type { Transaction } from '@rackeval/messaging';
import { AttachmentFiles, type UploadPolicy } from '@rackeval/platform';
import { randomUUID } from 'node:crypto';
import type { ArtifactAttachment } from '../artifacts/run-artifact.repository';
import { AttachmentRecord, AttachmentRepository } from '../findings/attachments/attachment.repository';
import { attachmentHref } from '../findings/attachments/attachment-views';
import { publishAttachmentAdded } from '../findings/attachments/attachments.service';
import { ResultsError, ResultsErrorCode } from '../results.errors';
import type { FilePart } from './ocptv-multipart';
import { partMatchedBy, planFileParts } from './ocptv-files.rules';
import type { ArtifactRecord } from './ocptv.parser';

/** A file part stored as an attachment of the run, as the upload's receipt lists it. */
export interface StoredFilePart extends ArtifactAttachment {
  /** The `file` artifact's uri, or else its displayName, that named the part. */
  matched: string;
}

/**
 * The files that came with an OCPTV upload become attachments of the run, linked to the `file`
 * artifacts that name them, inside the upload's transaction: the attachment rows, their events and
 * the artifacts commit together with the measurements, or none of them does. The bytes are stored
 * content-addressed (`sha256/…`) just before, once the stream was accepted: a failed commit leaves
 * at most an unreferenced object that the same bytes uploaded again reuse, never a broken link.
 */
@Injectable()
export class OcptvFileAttachments {
  /** What each file part is held to: the attachments' size limit and media types (POST …/attachments). */
  readonly policy: UploadPolicy;
  /** Where parts are spooled while they stream in (the store's own disk for a folder store). */
  readonly spoolDir: string;

  constructor(private readonly files: AttachmentFiles) {
    this.policy = files.policy;
    this.spoolDir = files.spoolDir;
  }

  /**
   * Checks that every part is named by a `file` artifact of this stream (400 naming the others),
   * stores the named parts and records them as the run's attachments; answers the records with
   * each file artifact's attachment, and the attachments stored (in the order the parts were
   * received). Throws before storing anything when a part is refused.
   */
  async attach(
    tx: Transaction,
    run: { runId: string; rackSerial: string },
    actor: string,
    records: readonly ArtifactRecord[],
    parts: readonly FilePart[],
  ): Promise<{ records: ArtifactRecord[]; attachments: StoredFilePart[] }> {
    const files = records.filter((r) => r.kind === 'FILE');
    const plan = planFileParts(
      files,
      parts.map((p) => p.filename),
    );
    const refused = [
      ...plan.duplicates.map((name) => ({ field: `parts.${name}`, message: 'sent more than once' })),
      ...plan.unnamed.map((name) => ({ field: `parts.${name}`, message: 'named by no file artifact (uri or displayName) of the stream' })),
    ];
    if (refused.length)
      throw new ResultsError(
        ResultsErrorCode.MALFORMED_OCPTV,
        `${refused.map((r) => `file part "${r.field.slice('parts.'.length)}" ${r.message}`).join('; ')}; nothing was written`,
        refused,
      );
    const at = new Date().toISOString();
    const ids = new Map<string, string>();
    const attachments: StoredFilePart[] = [];
    for (const part of parts) {
      const record: AttachmentRecord = {
        id: randomUUID(),
        subject: 'RUN',
        subjectId: run.runId,
        rackSerial: run.rackSerial,
        filename: part.filename,
        mediaType: part.file.mediaType,
        size: part.file.size,
        sha256: part.file.sha256,
        objectKey: await this.files.keep(part.file),
        uploadedBy: actor,
        uploadedAt: at,
      };
      await AttachmentRepository.insert(tx.manager, record);
      publishAttachmentAdded(tx, record);
      ids.set(part.filename, record.id);
      attachments.push({
        // every part stored was named by an artifact: the others were refused above
        matched: partMatchedBy(files, part.filename) ?? part.filename,
        id: record.id,
        filename: record.filename,
        mediaType: record.mediaType,
        size: record.size,
        sha256: record.sha256,
        href: attachmentHref('RUN', run.runId, record.id),
      });
    }
    let file = 0;
    const linked = records.map((r) => {
      if (r.kind !== 'FILE') return r;
      const link = plan.links[file++];
      return link === undefined ? r : { ...r, attachmentId: ids.get(link) };
    });
    return { records: linked, attachments };
  }
}
