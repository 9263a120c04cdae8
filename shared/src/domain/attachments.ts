/** The kinds of file a document may be: PDF and the images phones and scanners produce. Never HTML or SVG. */
export const attachmentTypes = [
  'application/pdf',
  'image/png',
  'image/jpeg',
  'image/webp',
  'image/heic',
] as const;
/** One accepted type of document. */
export type AttachmentType = (typeof attachmentTypes)[number];

/** What a browser may declare when it does not know the type (HEIC photos): the bytes then decide alone. */
export const undeclaredAttachmentType = 'application/octet-stream';

/** The default largest document, in bytes (`CONCERTO_DOCUMENT_MAX_BYTES`). */
export const defaultAttachmentMaxBytes = 10 * 1024 * 1024;

/** The longest file name kept; longer names are cut, keeping their extension. */
export const attachmentNameMaxLength = 120;

const ascii = (bytes: Uint8Array, start: number, text: string): boolean =>
  [...text].every((character, index) => bytes[start + index] === character.charCodeAt(0));

/**
 * The real type of a file from its first bytes (its "magic number"), whatever its name or declared type
 * say; null when it is none of the accepted types.
 */
export function sniffAttachmentType(bytes: Uint8Array): AttachmentType | null {
  if (ascii(bytes, 0, '%PDF-')) return 'application/pdf';
  if ([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a].every((byte, index) => bytes[index] === byte))
    return 'image/png';
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (ascii(bytes, 0, 'RIFF') && ascii(bytes, 8, 'WEBP')) return 'image/webp';
  // An ISO media file (`....ftyp<brand>`) whose brand is one of HEIF's: an iPhone photo.
  if (
    ascii(bytes, 4, 'ftyp') &&
    ['heic', 'heix', 'heim', 'heis', 'mif1', 'msf1'].some((brand) => ascii(bytes, 8, brand))
  )
    return 'image/heic';
  return null;
}

/** Whether a declared content type is one a document may be sent with. */
export function isDeclarableAttachmentType(type: string): boolean {
  const bare = type.split(';')[0]!.trim().toLowerCase();
  return bare === undeclaredAttachmentType || (attachmentTypes as readonly string[]).includes(bare);
}

/**
 * A file name safe to keep and to send back in `Content-Disposition`: no path, no control characters,
 * no quotes, at most `attachmentNameMaxLength` characters; `document` when nothing is left.
 */
export function safeAttachmentName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const cleaned = base
    // eslint-disable-next-line no-control-regex -- control characters are exactly what must go
    .replace(/[\u0000-\u001f\u007f"<>|*?:]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  if (!cleaned || /^\.+$/.test(cleaned)) return 'document';
  if (cleaned.length <= attachmentNameMaxLength) return cleaned;
  const dot = cleaned.lastIndexOf('.');
  const extension = dot > 0 && cleaned.length - dot <= 6 ? cleaned.slice(dot) : '';
  return cleaned.slice(0, attachmentNameMaxLength - extension.length) + extension;
}
