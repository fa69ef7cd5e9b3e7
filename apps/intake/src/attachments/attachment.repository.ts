import type { IntakeAttachmentOwner } from '@rackeval/contracts';
import { recordOf, type Row } from '@rackeval/platform';
import type { EntityManager } from 'typeorm';
import type { StoredOwner } from './attachment-owner.rules';

export interface AttachmentRecord extends StoredOwner {
  id: string;
  filename: string;
  mediaType: string;
  size: number;
  sha256: string;
  objectKey: string;
  uploadedBy: string;
  uploadedAt: string;
}

const COLUMNS = `id, owner_kind AS kind, owner_id, rack_serial, filename, media_type, size_bytes AS size, sha256, object_key, uploaded_by, uploaded_at`;

// size_bytes is a bigint, which the driver gives as a string.
const toRecord = (row: Row): AttachmentRecord => ({ ...recordOf<AttachmentRecord>(row), size: Number(row.size) });

/** Attachments of deliveries, inspections and RMAs, and the owners they may be attached to. */
export const AttachmentRepository = {
  async insert(manager: EntityManager, a: AttachmentRecord): Promise<void> {
    await manager.query(
      `INSERT INTO attachment (id, owner_kind, owner_id, rack_serial, filename, media_type, size_bytes, sha256, object_key, uploaded_by, uploaded_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [a.id, a.kind, a.ownerId, a.rackSerial, a.filename, a.mediaType, a.size, a.sha256, a.objectKey, a.uploadedBy, a.uploadedAt],
    );
  },

  /** One owner's attachments, oldest first. */
  async list(manager: EntityManager, kind: IntakeAttachmentOwner, ownerId: string): Promise<AttachmentRecord[]> {
    const rows = await manager.query(`SELECT ${COLUMNS} FROM attachment WHERE owner_kind = $1 AND owner_id = $2 ORDER BY uploaded_at, id`, [
      kind,
      ownerId,
    ]);
    return rows.map(toRecord);
  },

  /** The attachments of several owners of one kind (a rack's inspections), oldest first. */
  async listMany(manager: EntityManager, kind: IntakeAttachmentOwner, ownerIds: string[]): Promise<AttachmentRecord[]> {
    if (!ownerIds.length) return [];
    const rows = await manager.query(
      `SELECT ${COLUMNS} FROM attachment WHERE owner_kind = $1 AND owner_id = ANY($2::text[]) ORDER BY uploaded_at, id`,
      [kind, ownerIds],
    );
    return rows.map(toRecord);
  },

  async find(manager: EntityManager, kind: IntakeAttachmentOwner, ownerId: string, id: string): Promise<AttachmentRecord | undefined> {
    const [row] = await manager.query(`SELECT ${COLUMNS} FROM attachment WHERE owner_kind = $1 AND owner_id = $2 AND id = $3`, [
      kind,
      ownerId,
      id,
    ]);
    return row ? toRecord(row) : undefined;
  },

  async deliveryExists(manager: EntityManager, reference: string): Promise<boolean> {
    return (await manager.query(`SELECT 1 FROM delivery WHERE reference = $1`, [reference])).length === 1;
  },

  async rackExists(manager: EntityManager, serial: string): Promise<boolean> {
    return (await manager.query(`SELECT 1 FROM rack WHERE serial = $1`, [serial])).length === 1;
  },

  /** Whether the rack has an inspection with this id (an inspection of another rack is not this rack's). */
  async inspectionExists(manager: EntityManager, serial: string, inspectionId: string): Promise<boolean> {
    return (await manager.query(`SELECT 1 FROM inspection WHERE id = $1 AND rack_serial = $2`, [inspectionId, serial])).length === 1;
  },

  async rmaExists(manager: EntityManager, rmaId: string): Promise<boolean> {
    return (await manager.query(`SELECT 1 FROM rma WHERE id = $1`, [rmaId])).length === 1;
  },
};
