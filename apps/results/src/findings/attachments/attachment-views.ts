import type { AttachmentView } from '../dto/attachment.view';
import type { AttachmentRecord } from './attachment.repository';

const base = (a: AttachmentRecord) => (a.subject === 'FINDING' ? `/v1/findings/${a.subjectId}` : `/v1/runs/${a.subjectId}`);

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
    href: `${base(a)}/attachments/${a.id}`,
  };
}
