import type { AttachmentSubject } from '@rackeval/contracts';
import type { AttachmentView } from '../dto/attachment.view';
import type { AttachmentRecord } from './attachment.repository';

/** Where an attachment is downloaded, as a path on this service. */
export const attachmentHref = (subject: AttachmentSubject, subjectId: string, id: string): string =>
  `${subject === 'FINDING' ? `/v1/findings/${subjectId}` : `/v1/runs/${subjectId}`}/attachments/${id}`;

export function toAttachmentView(a: AttachmentRecord): AttachmentView {
  return {
    id: a.id,
    subject: a.subject,
    subjectId: a.subjectId,
    filename: a.filename,
    mediaType: a.mediaType,
    size: a.size,
    sha256: a.sha256,
    uploadedBy: a.uploadedBy,
    uploadedAt: a.uploadedAt,
    href: attachmentHref(a.subject, a.subjectId, a.id),
  };
}
