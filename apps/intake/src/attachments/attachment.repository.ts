import type { IntakeAttachmentOwner } from '@rackeval/contracts';
import { type AttachmentFile, attachmentTable } from '@rackeval/platform';
import type { EntityManager } from 'typeorm';
import type { StoredOwner } from './attachment-owner.rules';

export interface AttachmentRecord extends StoredOwner, AttachmentFile {}

/** Attachments of deliveries, inspections and RMAs, and the owners they may be attached to. */
export const AttachmentRepository = {
  /** insert, list (one owner's, oldest first), listMany (a rack's inspections'), find. */
  ...attachmentTable<AttachmentRecord, IntakeAttachmentOwner>({
    table: 'attachment',
    kind: { column: 'owner_kind', field: 'kind' },
    owner: { column: 'owner_id', field: 'ownerId' },
  }),

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
