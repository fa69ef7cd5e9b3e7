import type { IntakeAttachmentOwner } from '@rackeval/contracts';

/** What a file is attached to: a delivery by its reference, an inspection of a rack, or an RMA by its id. */
export type AttachmentOwner =
  { kind: 'DELIVERY'; reference: string } | { kind: 'INSPECTION'; serial: string; inspectionId: string } | { kind: 'RMA'; rmaId: string };

/** The owner as stored: its kind, its id (reference, inspection id or RMA id) and, for an inspection, its rack. */
export interface StoredOwner {
  kind: IntakeAttachmentOwner;
  ownerId: string;
  rackSerial: string | null;
}

export function storedOwner(owner: AttachmentOwner): StoredOwner {
  switch (owner.kind) {
    case 'DELIVERY':
      return { kind: owner.kind, ownerId: owner.reference, rackSerial: null };
    case 'INSPECTION':
      return { kind: owner.kind, ownerId: owner.inspectionId, rackSerial: owner.serial };
    case 'RMA':
      return { kind: owner.kind, ownerId: owner.rmaId, rackSerial: null };
  }
}

export function ownerOf(stored: StoredOwner): AttachmentOwner {
  switch (stored.kind) {
    case 'DELIVERY':
      return { kind: 'DELIVERY', reference: stored.ownerId };
    case 'INSPECTION':
      return { kind: 'INSPECTION', serial: stored.rackSerial!, inspectionId: stored.ownerId };
    case 'RMA':
      return { kind: 'RMA', rmaId: stored.ownerId };
  }
}

/** `/v1/deliveries/{reference}/attachments` and the like: where the owner's attachments are listed (a reference is path-encoded). */
export function attachmentsPathOf(owner: AttachmentOwner): string {
  switch (owner.kind) {
    case 'DELIVERY':
      return `/v1/deliveries/${encodeURIComponent(owner.reference)}/attachments`;
    case 'INSPECTION':
      return `/v1/racks/${encodeURIComponent(owner.serial)}/inspections/${owner.inspectionId}/attachments`;
    case 'RMA':
      return `/v1/rmas/${owner.rmaId}/attachments`;
  }
}

/** Where one attachment is downloaded, as a path on intake. */
export const downloadPathOf = (owner: AttachmentOwner, attachmentId: string): string => `${attachmentsPathOf(owner)}/${attachmentId}`;

/** The owner as a message names it: `delivery DHL-7781`, `inspection … of rack RK-G1-0001`, `RMA …`. */
export function describeOwner(owner: AttachmentOwner): string {
  switch (owner.kind) {
    case 'DELIVERY':
      return `delivery ${owner.reference}`;
    case 'INSPECTION':
      return `inspection ${owner.inspectionId} of rack ${owner.serial}`;
    case 'RMA':
      return `RMA ${owner.rmaId}`;
  }
}
