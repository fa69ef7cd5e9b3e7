import { downloadPathOf, ownerOf } from './attachment-owner.rules';
import type { AttachmentRecord } from './attachment.repository';
import type { AttachmentView } from './dto/attachment.view';

export function toAttachmentView(a: AttachmentRecord): AttachmentView {
  return {
    id: a.id,
    owner: a.kind,
    ownerId: a.ownerId,
    ...(a.rackSerial ? { rackSerial: a.rackSerial } : {}),
    filename: a.filename,
    mediaType: a.mediaType,
    size: a.size,
    sha256: a.sha256,
    uploadedBy: a.uploadedBy,
    uploadedAt: a.uploadedAt,
    href: downloadPathOf(ownerOf(a), a.id),
  };
}
