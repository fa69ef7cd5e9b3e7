import { fileArtifactNames } from '@rackeval/contracts/vocabulary';
import { statSync } from 'node:fs';
import { basename, extname, join, resolve } from 'node:path';
import { CliError, EXIT } from '../exit-codes';
import { lineChunks } from './line-chunks';

/**
 * The `file` artifacts of an OCPTV stream, and which local files go with them. The server links a
 * file part to the artifacts naming it by the last segment of their `uri`, else by their
 * `displayName`, and refuses a part no artifact names (400, nothing written): the CLI applies the
 * same rule before sending, so a wrong `--attach` is refused without a request.
 */
export interface FileArtifact {
  /** Line of the stream (1-based). */
  line: number;
  displayName?: string;
  uri?: string;
}

export interface AttachFile {
  /** The file on disk. */
  path: string;
  /** The part's filename: the file's own name. */
  name: string;
  size: number;
  contentType: string;
}

export interface AttachPlan {
  /** The files to send, one per name. */
  files: AttachFile[];
  /** Artifacts whose file is not sent: they stay references. */
  unmatched: FileArtifact[];
}

/** The `file` artifact of one line of the stream, if it is one (other lines and unparseable ones: undefined). */
export function fileArtifactOf(text: string, line: number): FileArtifact | undefined {
  // Most lines are samples: only a line mentioning "file" is parsed.
  if (!text.includes('"file"')) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined; // the server names a bad line; the scan only looks for file artifacts
  }
  const file = (parsed as { testStepArtifact?: { file?: unknown } } | null)?.testStepArtifact?.file;
  if (!file || typeof file !== 'object') return undefined;
  const { displayName, uri } = file as { displayName?: unknown; uri?: unknown };
  return {
    line,
    ...(typeof displayName === 'string' ? { displayName } : {}),
    ...(typeof uri === 'string' ? { uri } : {}),
  };
}

/** Reads the stream once, line by line (never whole), and answers its `file` artifacts. */
export async function scanFileArtifacts(input: AsyncIterable<Buffer>): Promise<FileArtifact[]> {
  const found: FileArtifact[] = [];
  for await (const chunk of lineChunks(input, { chunkBytes: 1024 * 1024 })) {
    const lines = chunk.bytes.toString('utf8').split('\n');
    for (let i = 0; i < lines.length; i++) {
      const artifact = fileArtifactOf(lines[i], chunk.firstLine + i);
      if (artifact) found.push(artifact);
    }
  }
  return found;
}

const CONTENT_TYPES: Record<string, string> = {
  '.log': 'text/plain',
  '.txt': 'text/plain',
  '.json': 'application/json',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.pdf': 'application/pdf',
  '.gz': 'application/gzip',
  '.zip': 'application/zip',
};

/** The content type a file is sent with, from its extension. */
export function contentTypeOf(filename: string): string {
  return CONTENT_TYPES[extname(filename).toLowerCase()] ?? 'application/octet-stream';
}

/** A regular file's size, or undefined when there is none at `path`. */
function sizeOf(path: string): number | undefined {
  try {
    const stat = statSync(path);
    return stat.isFile() ? stat.size : undefined;
  } catch {
    return undefined;
  }
}

/** A name that is a plain file name (not a path): what --attach-from looks up in its folder. */
const plainName = (name: string) => !/[/\\]/.test(name) && name !== '.' && name !== '..';

/**
 * The files to send: each `--attach` path (refused when no artifact names it, exit 8; when missing or
 * a second file of the same name, exit 2), then from `--attach-from` the file of each artifact not yet
 * given (the uri's last segment, else the display name, found in that folder). Answers also the
 * artifacts left without a file.
 */
export function planAttachments(artifacts: readonly FileArtifact[], attach: readonly string[], attachFrom?: string): AttachPlan {
  const named = new Set(artifacts.flatMap(fileArtifactNames));
  const byName = new Map<string, AttachFile>();
  const unnamed: string[] = [];
  for (const given of attach) {
    const path = resolve(given);
    const size = sizeOf(path);
    if (size === undefined) throw new CliError(`--attach ${given}: no such file`, EXIT.USAGE);
    const name = basename(path);
    const before = byName.get(name);
    if (before && before.path !== path)
      throw new CliError(`--attach ${given}: another file named ${name} is attached (${before.path}); file names must differ`, EXIT.USAGE);
    if (!named.has(name)) unnamed.push(given);
    byName.set(name, { path, name, size, contentType: contentTypeOf(name) });
  }
  if (unnamed.length) {
    const names = [...named].map((name) => `"${name}"`).join(', ');
    throw new CliError(
      `${unnamed.map((given) => `--attach ${given}`).join(', ')}: named by no file artifact of the stream (by the last segment of its uri or its displayName); ${
        names ? `the stream names ${names}` : 'the stream has no file artifacts'
      }; nothing was sent`,
      EXIT.UNNAMED_FILE,
    );
  }
  if (attachFrom !== undefined) {
    const folder = resolve(attachFrom);
    try {
      if (!statSync(folder).isDirectory()) throw new Error('not a folder');
    } catch (error) {
      throw new CliError(`--attach-from ${attachFrom}: ${(error as Error).message}`, EXIT.USAGE);
    }
    for (const artifact of artifacts) {
      const candidates = fileArtifactNames(artifact);
      if (candidates.some((name) => byName.has(name))) continue;
      for (const name of candidates.filter(plainName)) {
        const path = join(folder, name);
        const size = sizeOf(path);
        if (size === undefined) continue;
        byName.set(name, { path, name, size, contentType: contentTypeOf(name) });
        break;
      }
    }
  }
  const unmatched = artifacts.filter((artifact) => !fileArtifactNames(artifact).some((name) => byName.has(name)));
  return { files: [...byName.values()], unmatched };
}

/** How an artifact is named in a warning: its display name and uri, with its line. */
export function describeArtifact(artifact: FileArtifact): string {
  const parts = [artifact.displayName && `"${artifact.displayName}"`, artifact.uri].filter(Boolean);
  return `${parts.join(' ') || 'file artifact'} (line ${artifact.line})`;
}
