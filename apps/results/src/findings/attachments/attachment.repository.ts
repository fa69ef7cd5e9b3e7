import type { AttachmentSubject } from '@rackeval/contracts';
import { recordOf, type Row } from '@rackeval/platform';
import type { EntityManager } from 'typeorm';

export interface AttachmentRecord {
  id: string;
  subject: AttachmentSubject;
  subjectId: string;
  rackSerial: string;
  filename: string;
  mediaType: string;
  size: number;
  sha256: string;
  objectKey: string;
  uploadedBy: string;
  uploadedAt: string;
}

const COLUMNS = `id, subject, subject_id, rack_serial, filename, media_type, size_bytes AS size, sha256, object_key, uploaded_by, uploaded_at`;

// size_bytes is a bigint, which the driver gives as a string.
const toRecord = (row: Row): AttachmentRecord => ({ ...recordOf<AttachmentRecord>(row), size: Number(row.size) });

export const AttachmentRepository = {
  async insert(manager: EntityManager, a: AttachmentRecord): Promise<void> {
    await manager.query(
      `INSERT INTO attachment (id, subject, subject_id, rack_serial, filename, media_type, size_bytes, sha256, object_key, uploaded_by, uploaded_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [a.id, a.subject, a.subjectId, a.rackSerial, a.filename, a.mediaType, a.size, a.sha256, a.objectKey, a.uploadedBy, a.uploadedAt],
    );
  },

  async list(manager: EntityManager, subject: AttachmentSubject, subjectId: string): Promise<AttachmentRecord[]> {
    const rows = await manager.query(`SELECT ${COLUMNS} FROM attachment WHERE subject = $1 AND subject_id = $2 ORDER BY uploaded_at, id`, [
      subject,
      subjectId,
    ]);
    return rows.map(toRecord);
  },

  async find(manager: EntityManager, subject: AttachmentSubject, subjectId: string, id: string): Promise<AttachmentRecord | undefined> {
    const [row] = await manager.query(`SELECT ${COLUMNS} FROM attachment WHERE subject = $1 AND subject_id = $2 AND id = $3`, [
      subject,
      subjectId,
      id,
    ]);
    return row ? toRecord(row) : undefined;
  },
};
