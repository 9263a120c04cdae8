import { describe, expect, it } from 'vitest';
import { isDeclarableAttachmentType, safeAttachmentName, sniffAttachmentType } from '@concerto/shared';

const bytes = (...parts: (string | number[])[]) =>
  new Uint8Array(
    parts.flatMap((part) => (typeof part === 'string' ? [...Buffer.from(part, 'latin1')] : part)),
  );

describe('the real type of a document, from its first bytes', () => {
  it('recognises PDF, PNG, JPEG, WebP and an iPhone HEIC photo', () => {
    expect(sniffAttachmentType(bytes('%PDF-1.7\n'))).toBe('application/pdf');
    expect(sniffAttachmentType(bytes([0x89], 'PNG', [0x0d, 0x0a, 0x1a, 0x0a, 0]))).toBe('image/png');
    expect(sniffAttachmentType(bytes([0xff, 0xd8, 0xff, 0xe0]))).toBe('image/jpeg');
    expect(sniffAttachmentType(bytes('RIFF', [1, 2, 3, 4], 'WEBPVP8 '))).toBe('image/webp');
    expect(sniffAttachmentType(bytes([0, 0, 0, 24], 'ftypheic'))).toBe('image/heic');
  });

  it('refuses HTML, SVG, scripts and a name that lies about its content', () => {
    expect(sniffAttachmentType(bytes('<!DOCTYPE html><script>alert(1)</script>'))).toBeNull();
    expect(sniffAttachmentType(bytes('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeNull();
    expect(sniffAttachmentType(bytes('MZ executable'))).toBeNull();
    expect(sniffAttachmentType(bytes(' %PDF-1.7'))).toBeNull();
    expect(sniffAttachmentType(bytes([0, 0, 0, 24], 'ftypmp42'))).toBeNull();
    expect(sniffAttachmentType(new Uint8Array())).toBeNull();
  });

  it('takes the accepted declared types and the undeclared one, nothing else', () => {
    expect(isDeclarableAttachmentType('application/pdf')).toBe(true);
    expect(isDeclarableAttachmentType('IMAGE/JPEG; charset=binary')).toBe(true);
    expect(isDeclarableAttachmentType('application/octet-stream')).toBe(true);
    expect(isDeclarableAttachmentType('text/html')).toBe(false);
    expect(isDeclarableAttachmentType('image/svg+xml')).toBe(false);
  });
});

describe('a safe file name', () => {
  it('drops paths, quotes and control characters and keeps accents', () => {
    expect(safeAttachmentName('C:\\Users\\x\\Lettre de sortie – Hôpital.pdf')).toBe(
      'Lettre de sortie – Hôpital.pdf',
    );
    expect(safeAttachmentName('../../etc/passwd')).toBe('passwd');
    expect(safeAttachmentName('a"b\r\nc.pdf')).toBe('abc.pdf');
    expect(safeAttachmentName('..')).toBe('document');
  });

  it('cuts a long name and keeps its extension', () => {
    const name = safeAttachmentName(`${'x'.repeat(300)}.pdf`);
    expect(name).toHaveLength(120);
    expect(name.endsWith('.pdf')).toBe(true);
  });
});
