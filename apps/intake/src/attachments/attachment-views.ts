import { attachmentFileView } from '@rackeval/platform';
import { downloadPathOf, ownerOf } from './attachment-owner.rules';
import type { AttachmentRecord } from './attachment.repository';
import type { AttachmentView } from './dto/attachment.view';

export function toAttachmentView(a: AttachmentRecord): AttachmentView {
  return {
    id: a.id,
    owner: a.kind,
    ownerId: a.ownerId,
    ...(a.rackSerial ? { rackSerial: a.rackSerial } : {}),
    ...attachmentFileView(a),
    href: downloadPathOf(ownerOf(a), a.id),
  };
}
