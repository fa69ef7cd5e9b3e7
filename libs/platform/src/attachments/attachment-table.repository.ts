import type { EntityManager } from 'typeorm';
import { recordOf, type Row } from '../database/rows';
import type { AttachmentFile } from './attachment-files';

/** An attachment row: its file, its owner's columns and, where the owner has one, its rack. */
export type AttachmentRow = AttachmentFile & { rackSerial: string | null };

/** Where a service keeps its attachments: the table and the columns naming the owner's kind and id, each with its record's field. */
export interface AttachmentTableShape<R> {
  table: string;
  kind: { column: string; field: keyof R & string };
  owner: { column: string; field: keyof R & string };
}

const snakeCase = (field: string) => field.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);

/**
 * The queries of an attachment table (`id`, the owner's kind and id, `rack_serial`, `filename`,
 * `media_type`, `size_bytes`, `sha256`, `object_key`, `uploaded_by`, `uploaded_at`), whichever
 * columns name the owner. Lists are oldest first.
 */
export function attachmentTable<R extends AttachmentRow, K extends string>({ table, kind, owner }: AttachmentTableShape<R>) {
  const columns = [
    'id',
    `${kind.column} AS ${snakeCase(kind.field)}`,
    `${owner.column} AS ${snakeCase(owner.field)}`,
    'rack_serial, filename, media_type, size_bytes AS size, sha256, object_key, uploaded_by, uploaded_at',
  ].join(', ');
  // size_bytes is a bigint, which the driver gives as a string.
  const toRecord = (row: Row): R => ({ ...recordOf<R>(row), size: Number(row.size) });
  const byOwner = `FROM ${table} WHERE ${kind.column} = $1 AND ${owner.column}`;

  return {
    async insert(manager: EntityManager, a: R): Promise<void> {
      await manager.query(
        `INSERT INTO ${table} (id, ${kind.column}, ${owner.column}, rack_serial, filename, media_type, size_bytes, sha256, object_key, uploaded_by, uploaded_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
        [
          a.id,
          a[kind.field],
          a[owner.field],
          a.rackSerial,
          a.filename,
          a.mediaType,
          a.size,
          a.sha256,
          a.objectKey,
          a.uploadedBy,
          a.uploadedAt,
        ],
      );
    },

    /** One owner's attachments. */
    async list(manager: EntityManager, ownerKind: K, ownerId: string): Promise<R[]> {
      const rows: Row[] = await manager.query(`SELECT ${columns} ${byOwner} = $2 ORDER BY uploaded_at, id`, [ownerKind, ownerId]);
      return rows.map(toRecord);
    },

    /** The attachments of several owners of one kind. */
    async listMany(manager: EntityManager, ownerKind: K, ownerIds: string[]): Promise<R[]> {
      if (!ownerIds.length) return [];
      const rows: Row[] = await manager.query(`SELECT ${columns} ${byOwner} = ANY($2::text[]) ORDER BY uploaded_at, id`, [
        ownerKind,
        ownerIds,
      ]);
      return rows.map(toRecord);
    },

    async find(manager: EntityManager, ownerKind: K, ownerId: string, id: string): Promise<R | undefined> {
      const [row] = (await manager.query(`SELECT ${columns} ${byOwner} = $2 AND id = $3`, [ownerKind, ownerId, id])) as Row[];
      return row ? toRecord(row) : undefined;
    },
  };
}
