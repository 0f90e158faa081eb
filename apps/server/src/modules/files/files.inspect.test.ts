import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { inspectUpload } from './files.inspect.js';
import { attachmentHeader } from './files.routes.js';
import { PNG_SIGNATURE, pngChunk, sampleJpeg, samplePdf, samplePng } from './files.samples.js';
import { MAX_NAME_BYTES, safeFileName } from './files.service.js';

const ruleOf = (bytes: Buffer) => {
  const result = inspectUpload(bytes);
  return result.ok ? `ok ${result.mime}` : result.refusal.rule;
};
const html = Buffer.from('<html><body><script>alert(document.cookie)</script></body></html>');

describe('inspectUpload: whole, well-formed files only', () => {
  it('accepts well-formed PDF, PNG and JPEG files of any content', () => {
    for (const seed of [1, 2, 3]) {
      expect(ruleOf(samplePdf(100_000, seed))).toBe('ok application/pdf');
      expect(ruleOf(samplePng(100_000, seed))).toBe('ok image/png');
      expect(ruleOf(sampleJpeg(100_000, seed))).toBe('ok image/jpeg');
    }
    // White space after %%EOF and zero padding after EOI are what real writers leave.
    expect(ruleOf(Buffer.concat([samplePdf(), Buffer.from('\r\n\0\0')]))).toBe('ok application/pdf');
    expect(ruleOf(Buffer.concat([sampleJpeg(), Buffer.alloc(16)]))).toBe('ok image/jpeg');
  });

  it('refuses a PDF that runs scripts, launches programs or carries files, also in escaped names and object streams', () => {
    const pdf = (body: string) => Buffer.from(`%PDF-1.7\n1 0 obj\n${body}\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n`, 'latin1');
    expect(ruleOf(pdf('<< /Type /Catalog /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >>'))).toBe('pdf_active_content');
    expect(ruleOf(pdf('<< /S /Launch /F (cmd.exe) >>'))).toBe('pdf_active_content');
    expect(ruleOf(pdf('<< /Names << /EmbeddedFiles 2 0 R >> >>'))).toBe('pdf_active_content');
    // #4A#53 spells JS.
    expect(ruleOf(pdf('<< /S /#4A#53 (x) >>'))).toBe('pdf_active_content');
    const objects = deflateSync(Buffer.from('2 0 << /S /JavaScript /JS (app.alert(1)) >>', 'latin1'));
    const objectStream = Buffer.concat([
      Buffer.from(`%PDF-1.7\n3 0 obj\n<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length ${objects.length} >>\nstream\n`, 'latin1'),
      objects,
      Buffer.from('\nendstream\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n', 'latin1'),
    ]);
    expect(ruleOf(objectStream)).toBe('pdf_active_content');
    // Names that only look alike, and the same bytes inside an ordinary stream, are fine.
    expect(ruleOf(pdf('<< /JSON 1 /JSX 2 /Type /Catalog >>'))).toBe('ok application/pdf');
    const inert = Buffer.from('/JS (x) /JavaScript', 'latin1');
    expect(ruleOf(Buffer.concat([Buffer.from(`%PDF-1.7\n1 0 obj\n<< /Length ${inert.length} >>\nstream\n`, 'latin1'), inert, Buffer.from('\nendstream\nendobj\n%%EOF\n', 'latin1')]))).toBe('ok application/pdf');
  });

  it('refuses a PDF header followed by HTML, and HTML appended to or hidden in a PDF', () => {
    expect(ruleOf(Buffer.concat([Buffer.from('%PDF-1.4\n'), html]))).toBe('pdf_structure');
    expect(ruleOf(Buffer.concat([samplePdf(), html]))).toBe('pdf_trailing_data');
    // Before %%EOF, in any letter case.
    const hidden = Buffer.from('%PDF-1.4\n1 0 obj\n(<ScRiPt>alert(1)</ScRiPt>)\nendobj\n%%EOF\n');
    expect(ruleOf(hidden)).toBe('active_content');
    for (const marker of ['<html>', '<!DOCTYPE html>', '<svg onload=alert(1)>', '<iframe src=x>', 'javascript:alert(1)']) {
      expect(ruleOf(Buffer.from(`%PDF-1.4\n(${marker})\n%%EOF\n`)), marker).toBe('active_content');
    }
    expect(ruleOf(Buffer.from('%PDF-x\n%%EOF'))).toBe('pdf_structure');
  });

  it('refuses a PNG signature followed by script, data after IEND, and broken chunks', () => {
    expect(ruleOf(Buffer.concat([PNG_SIGNATURE, Buffer.from('<script>alert(1)</script>')]))).toBe('png_structure');
    expect(ruleOf(Buffer.concat([samplePng(), html]))).toBe('png_trailing_data');
    expect(ruleOf(Buffer.concat([samplePng(), Buffer.alloc(1)]))).toBe('png_trailing_data');
    expect(ruleOf(samplePng(64, 1, [pngChunk('tEXt', Buffer.from('Comment\0<script>alert(1)</script>'))]))).toBe('active_content');
    const badCrc = samplePng();
    badCrc[29] = badCrc[29]! ^ 0xff; // inside the CRC of IHDR
    expect(ruleOf(badCrc)).toBe('png_structure');
    // IHDR must come first; IEND must be there.
    expect(ruleOf(Buffer.concat([PNG_SIGNATURE, pngChunk('IDAT', Buffer.alloc(4)), pngChunk('IEND', Buffer.alloc(0))]))).toBe('png_structure');
    expect(ruleOf(samplePng().subarray(0, -12))).toBe('png_structure');
    // A chunk length pointing past the end.
    const long = samplePng();
    long.writeUInt32BE(0x7fff0000, 33);
    expect(ruleOf(long)).toBe('png_structure');
  });

  it('refuses a JPEG start followed by script, data after EOI, and a missing EOI', () => {
    expect(ruleOf(Buffer.concat([Buffer.from('ffd8ffe0', 'hex'), html]))).toBe('jpeg_structure');
    expect(ruleOf(Buffer.concat([sampleJpeg(), html]))).toBe('jpeg_trailing_data');
    expect(ruleOf(Buffer.concat([sampleJpeg(), Buffer.from([0, 0, 1])]))).toBe('jpeg_trailing_data');
    expect(ruleOf(sampleJpeg().subarray(0, -2))).toBe('jpeg_structure');
    expect(ruleOf(Buffer.from('ffd8ffd9', 'hex'))).toBe('jpeg_structure');
  });

  it('refuses what is none of the three, whatever its name would say', () => {
    expect(ruleOf(html)).toBe('file_type');
    expect(ruleOf(Buffer.from('GIF89a'))).toBe('file_type');
    expect(ruleOf(Buffer.from(' %PDF-1.4\n%%EOF'))).toBe('file_type');
  });
});

describe('safeFileName', () => {
  it('keeps an ordinary name as it is', () => {
    expect(safeFileName('新产品认定证书.pdf', 'application/pdf')).toBe('新产品认定证书.pdf');
    expect(safeFileName('photo.JPEG', 'image/jpeg')).toBe('photo.JPEG');
  });

  it('drops folder parts, control and bidirectional characters, leading dots and Windows-reserved characters', () => {
    expect(safeFileName('../../etc/passwd.pdf', 'application/pdf')).toBe('passwd.pdf');
    expect(safeFileName('C:\\Users\\x\\report.pdf', 'application/pdf')).toBe('report.pdf');
    // U+202E would show "invoice‮fdp.exe" as "invoiceexe.pdf".
    expect(safeFileName('invoice\u202Egnp.pdf', 'application/pdf')).toBe('invoicegnp.pdf');
    expect(safeFileName('a\u2066b\u2069c\u200fd\u061ce.png', 'image/png')).toBe('abcde.png');
    expect(safeFileName('a\u0000b\u0001c\u007fd\u0085e\nf.pdf', 'application/pdf')).toBe('abcdef.pdf');
    expect(safeFileName('..hidden.pdf', 'application/pdf')).toBe('hidden.pdf');
    expect(safeFileName('...', 'application/pdf')).toBe('file.pdf');
    expect(safeFileName('', 'image/png')).toBe('file.png');
    expect(safeFileName('a<b>c:"d|e?f*.pdf', 'application/pdf')).toBe('a_b_c__d_e_f_.pdf');
    expect(safeFileName('name. . .pdf', 'application/pdf')).toBe('name.pdf');
    expect(safeFileName('bad\ud800.pdf', 'application/pdf')).toBe('bad.pdf');
  });

  it('gives the extension of the bytes, appended when the name says otherwise', () => {
    expect(safeFileName('page.html', 'application/pdf')).toBe('page.html.pdf');
    expect(safeFileName('image.png', 'image/jpeg')).toBe('image.png.jpg');
    expect(safeFileName('noextension', 'image/png')).toBe('noextension.png');
  });

  it('bounds the name in bytes of UTF-8 without cutting a character, keeping the extension', () => {
    for (const name of ['a'.repeat(500) + '.pdf', '证'.repeat(300) + '.pdf', '😀'.repeat(300) + '.pdf']) {
      const safe = safeFileName(name, 'application/pdf');
      expect(Buffer.byteLength(safe)).toBeLessThanOrEqual(MAX_NAME_BYTES);
      expect(Buffer.byteLength(safe)).toBeGreaterThan(MAX_NAME_BYTES - 4);
      expect(safe.endsWith('.pdf')).toBe(true);
      expect(safe).not.toMatch(/\ufffd|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/);
      expect(name.startsWith(safe.slice(0, -4))).toBe(true);
    }
  });
});

describe('attachmentHeader', () => {
  it('encodes the name per RFC 5987 and keeps the ASCII fallback inside its quotes', () => {
    const header = attachmentHeader(`it's (a) "test"*\\%.pdf`);
    expect(header).toBe(`attachment; filename="it's (a) _test_*__.pdf"; filename*=UTF-8''it%27s%20%28a%29%20%22test%22%2A%5C%25.pdf`);
    expect(attachmentHeader('证书.pdf')).toBe(`attachment; filename="__.pdf"; filename*=UTF-8''%E8%AF%81%E4%B9%A6.pdf`);
  });

  it('does not throw on a name with a lone surrogate', () => {
    expect(attachmentHeader('a\ud800.pdf')).toBe(`attachment; filename="a_.pdf"; filename*=UTF-8''a%EF%BF%BD.pdf`);
  });
});
