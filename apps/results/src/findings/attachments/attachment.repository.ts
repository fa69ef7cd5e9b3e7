import type { AttachmentSubject } from '@rackeval/contracts';
import { type AttachmentFile, attachmentTable } from '@rackeval/platform';

export interface AttachmentRecord extends AttachmentFile {
  subject: AttachmentSubject;
  subjectId: string;
  rackSerial: string;
}

/** Evidence on findings and runs: insert, list (one subject's, oldest first), find. */
export const AttachmentRepository = attachmentTable<AttachmentRecord, AttachmentSubject>({
  table: 'attachment',
  kind: { column: 'subject', field: 'subject' },
  owner: { column: 'subject_id', field: 'subjectId' },
});
