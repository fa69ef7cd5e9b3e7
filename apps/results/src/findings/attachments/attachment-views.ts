import type { AttachmentSubject } from '@rackeval/contracts';
import { attachmentFileView } from '@rackeval/platform';
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
    ...attachmentFileView(a),
    href: attachmentHref(a.subject, a.subjectId, a.id),
  };
}
