import type { AttachmentFile } from './attachment-files';

/** What a view shows of an attachment's file, whatever it is attached to (the view adds its id, owner and href around it). */
export const attachmentFileView = (a: AttachmentFile) => ({
  filename: a.filename,
  mediaType: a.mediaType,
  size: a.size,
  sha256: a.sha256,
  uploadedBy: a.uploadedBy,
  uploadedAt: a.uploadedAt,
});
