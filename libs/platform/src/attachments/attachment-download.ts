import type { Response } from 'express';
import { pipeline } from 'node:stream/promises';
import type { StoredObject } from './object-store';

export interface DownloadHeaders {
  mediaType: string;
  size: number;
  sha256: string;
  filename: string;
}

/** `attachment; filename="burn-in.log"; filename*=UTF-8''burn-in.log`: an ASCII fallback and the exact name (RFC 6266). */
export function contentDisposition(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(filename).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/**
 * Streams a stored object as a download: its media type and exact length, its SHA-256 as a strong
 * ETag, and `Content-Disposition: attachment` so a browser saves it rather than rendering it.
 */
export async function streamDownload(response: Response, object: StoredObject, headers: DownloadHeaders): Promise<void> {
  response.status(200);
  response.setHeader('Content-Type', headers.mediaType);
  response.setHeader('Content-Length', String(headers.size));
  response.setHeader('ETag', `"${headers.sha256}"`);
  response.setHeader('Content-Disposition', contentDisposition(headers.filename));
  response.setHeader('X-Content-Type-Options', 'nosniff');
  response.setHeader('Cache-Control', 'private, no-store');
  await pipeline(object.body, response);
}
