import type { IntakeAttachment } from '../api';

/**
 * A PDF ines attached to an intake record, as GET `<record>/attachments` lists it: `record` is the
 * record's API path (`/v1/rmas/<id>`), under which the attachment's href names its id.
 */
export const intakeAttachmentFixture = (
  record: string,
  attachment: Pick<IntakeAttachment, 'id' | 'owner' | 'ownerId' | 'filename' | 'size' | 'sha256' | 'uploadedAt'>,
): IntakeAttachment => ({
  mediaType: 'application/pdf',
  uploadedBy: 'ines',
  ...attachment,
  href: `${record}/attachments/${attachment.id}`,
});
