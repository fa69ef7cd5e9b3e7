/** Media types whose files start with a known signature: the declared type must match the bytes. */
const SIGNATURES: ReadonlyArray<{ mediaType: string; magic: number[] }> = [
  { mediaType: 'image/png', magic: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { mediaType: 'image/jpeg', magic: [0xff, 0xd8, 0xff] },
  { mediaType: 'application/pdf', magic: [0x25, 0x50, 0x44, 0x46, 0x2d] }, // %PDF-
  { mediaType: 'application/gzip', magic: [0x1f, 0x8b] },
  { mediaType: 'application/zip', magic: [0x50, 0x4b, 0x03, 0x04] },
];

/** Bytes read from the start of a file to recognise it. */
export const SNIFF_BYTES = 16;

export const DEFAULT_ATTACHMENT_MEDIA_TYPES = [
  'text/plain',
  'text/csv',
  'application/x-ndjson',
  'application/pdf',
  'image/png',
  'image/jpeg',
  'application/gzip',
  'application/zip',
] as const;

/** The media type the file's first bytes show, if it has a known signature. */
export function sniffMediaType(head: Uint8Array): string | undefined {
  return SIGNATURES.find(({ magic }) => magic.every((byte, i) => head[i] === byte))?.mediaType;
}

export const hasSignature = (mediaType: string): boolean => SIGNATURES.some((s) => s.mediaType === mediaType);

/** `Text/Plain; charset=utf-8` → `text/plain`; undefined when the header is missing or not a media type. */
export function essenceOf(contentType: string | undefined): string | undefined {
  const essence = contentType?.split(';')[0].trim().toLowerCase();
  return essence && /^[a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+$/.test(essence) ? essence : undefined;
}

/**
 * Why the bytes do not fit the declared type, or undefined when they do: a file with a signature
 * must be declared as that type, and a type with a signature must start with it. Text types have
 * no signature; a PNG sent as `text/plain` is still caught by its own.
 */
export function mislabelling(declared: string, head: Uint8Array): string | undefined {
  const sniffed = sniffMediaType(head);
  if (sniffed && sniffed !== declared) return `the file is declared ${declared} but its content is ${sniffed}`;
  if (!sniffed && hasSignature(declared)) return `the file is declared ${declared} but does not start with the ${declared} signature`;
  if (!sniffed && declared.startsWith('text/') && head.includes(0)) return `the file is declared ${declared} but contains binary data`;
  return undefined;
}
