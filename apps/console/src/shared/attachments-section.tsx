import { useState } from 'react';
import { ApiError, uploadWithProgress } from '../api';
import { saveBlob } from './download';

/** What every service's attachment view has in common (results' findings and runs, intake's deliveries, inspections and RMAs). */
export interface AttachedFile {
  id: string;
  filename: string;
  mediaType: string;
  size: number;
  sha256: string;
  uploadedBy: string;
}

export const formatBytes = (bytes: number): string =>
  bytes >= 1024 ** 2 ? `${(bytes / 1024 ** 2).toFixed(1)} MiB` : bytes >= 1024 ? `${(bytes / 1024).toFixed(1)} KiB` : `${bytes} bytes`;

const messageOf = (error: unknown) => (error instanceof ApiError ? error.message : String((error as Error)?.message ?? error));

interface Props<A extends AttachedFile> {
  /** The section's heading; also its name as a region unless `label` names it otherwise. */
  title?: string;
  label?: string;
  headingLevel?: 2 | 3 | 4;
  attachments: readonly A[];
  /** Fetches one file with the signed-in user's token (a plain link could not send it). */
  download(attachment: A): Promise<Blob>;
  /** Where a file is POSTed (raw body, `?filename=`); without it the section only lists and downloads. */
  uploadPath?: (filename: string) => string;
  /** Whether the signed-in user may attach (the server checks the role too). */
  canAttach?: boolean;
  onAttached?: () => void;
  inputLabel?: string;
  emptyText?: string;
  className?: string;
}

/**
 * Files attached to something: each downloads through the signed-in fetch; those who may attach
 * upload one with a progress bar, and the list is read again once it is stored.
 */
export function AttachmentsSection<A extends AttachedFile>({
  title = 'Evidence',
  label,
  headingLevel = 2,
  attachments,
  download,
  uploadPath,
  canAttach = false,
  onAttached,
  inputLabel = 'Attach a file (log, image, PDF)',
  emptyText = 'No files attached.',
  className,
}: Props<A>) {
  const [progress, setProgress] = useState<number>();
  const [error, setError] = useState<string>();
  const Heading = `h${headingLevel}` as const;
  const upload = async (file: File) => {
    if (!uploadPath) return;
    setError(undefined);
    setProgress(0);
    try {
      await uploadWithProgress(uploadPath(file.name), file, file.type || 'application/octet-stream', (p) =>
        setProgress(p.total ? Math.round((p.loaded / p.total) * 100) : 0),
      );
      onAttached?.();
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setProgress(undefined);
    }
  };
  const save = async (attachment: A) => {
    setError(undefined);
    try {
      saveBlob(await download(attachment), attachment.filename);
    } catch (e) {
      setError(messageOf(e));
    }
  };
  return (
    <section aria-label={label ?? title} className={className}>
      <Heading>{title}</Heading>
      {attachments.length === 0 && <p className="muted">{emptyText}</p>}
      {attachments.length > 0 && (
        <ul>
          {attachments.map((a) => (
            <li key={a.id}>
              <button type="button" onClick={() => void save(a)}>
                {a.filename}
              </button>{' '}
              {a.mediaType}, {formatBytes(a.size)}, by {a.uploadedBy} <code title="SHA-256">{a.sha256.slice(0, 12)}…</code>
            </li>
          ))}
        </ul>
      )}
      {canAttach && uploadPath && (
        <label>
          {inputLabel}
          <input
            type="file"
            disabled={progress !== undefined}
            onChange={(e) => {
              const file = e.target.files?.[0];
              e.target.value = '';
              if (file) void upload(file);
            }}
          />
        </label>
      )}
      {progress !== undefined && <progress aria-label="Upload progress" max={100} value={progress} />}
      {error && <p role="alert">{error}</p>}
    </section>
  );
}
