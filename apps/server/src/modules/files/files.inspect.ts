import { inflateSync } from 'node:zlib';

/**
 * What an upload's bytes are, decided by their structure rather than a signature alone: a file is
 * accepted only when the whole of it is one well-formed PDF, PNG or JPEG with nothing appended,
 * and when no byte sequence in it reads as HTML or script (a "polyglot" that a browser or a
 * viewer could also take for a web page). Pure functions over a buffer: no I/O.
 */

export type AllowedMime = 'application/pdf' | 'image/png' | 'image/jpeg';

export interface Refusal {
  /** Stable rule name, reported as the field error's rule. */
  rule: string;
  zh: string;
  en: string;
}

export type Inspection = { ok: true; mime: AllowedMime } | { ok: false; refusal: Refusal; recognised: boolean };

const refuse = (rule: string, zh: string, en: string, recognised = true): Inspection => ({ ok: false, refusal: { rule, zh, en }, recognised });

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/**
 * HTML or script anywhere in the bytes, case-insensitive. `<svg` and `<html` must be followed by
 * a space, `>` or `/`, which keeps the chance of a false match in a 10 MB compressed image
 * below one in a thousand; the longer markers cannot occur by chance in practice.
 */
const ACTIVE_CONTENT = /<script|<iframe|<!doctype\s+html|javascript:|<(?:html|svg)[\s/>]/;

export function inspectUpload(bytes: Buffer): Inspection {
  let structure: Inspection;
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(PNG_SIGNATURE)) structure = inspectPng(bytes);
  else if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) structure = inspectJpeg(bytes);
  else if (bytes.subarray(0, 5).toString('latin1') === '%PDF-') structure = inspectPdf(bytes);
  else return refuse('file_type', '文件类型不允许：仅接受 PDF、JPEG、PNG', 'File type not allowed: only PDF, JPEG and PNG are accepted', false);
  if (!structure.ok) return structure;
  // latin1 maps each byte to one character, so the search sees the raw bytes.
  if (ACTIVE_CONTENT.test(bytes.toString('latin1').toLowerCase())) {
    return refuse('active_content', '文件中含有网页或脚本内容（如 <script>、<html>），不予接受', 'The file contains web page or script content (such as <script> or <html>) and is refused');
  }
  return structure;
}

// ---- PNG: signature, IHDR first, chunks with valid CRCs, at least one IDAT, IEND at the very end

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

export function crc32(data: Uint8Array): number {
  let c = 0xffffffff;
  for (const byte of data) c = CRC_TABLE[(c ^ byte) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

const pngBroken = (why: string) => refuse('png_structure', `PNG 文件结构无效（${why}）`, `The PNG file is malformed (${why})`);

function inspectPng(bytes: Buffer): Inspection {
  let offset = 8;
  let first = true;
  let sawData = false;
  while (offset + 12 <= bytes.length) {
    const length = bytes.readUInt32BE(offset);
    const type = bytes.subarray(offset + 4, offset + 8).toString('latin1');
    if (length > 0x7fffffff || offset + 12 + length > bytes.length) return pngBroken(`chunk ${JSON.stringify(type)} runs past the end`);
    if (!/^[A-Za-z]{4}$/.test(type)) return pngBroken('invalid chunk type');
    if (first && (type !== 'IHDR' || length !== 13)) return pngBroken('IHDR is not the first chunk');
    const crc = bytes.readUInt32BE(offset + 8 + length);
    if (crc32(bytes.subarray(offset + 4, offset + 8 + length)) !== crc) return pngBroken(`CRC of ${type}`);
    first = false;
    offset += 12 + length;
    if (type === 'IDAT') sawData = true;
    if (type === 'IEND') {
      if (length !== 0 || !sawData) return pngBroken(sawData ? 'IEND with data' : 'no image data');
      if (offset !== bytes.length) {
        return refuse('png_trailing_data', 'PNG 文件在结束标记（IEND）之后还有其他内容', 'The PNG file has content after its end marker (IEND)');
      }
      return { ok: true, mime: 'image/png' };
    }
  }
  return pngBroken('no IEND chunk');
}

// ---- JPEG: SOI, marker segments, entropy-coded scans, EOI, then nothing but zero padding

const jpegBroken = (why: string) => refuse('jpeg_structure', `JPEG 文件结构无效（${why}）`, `The JPEG file is malformed (${why})`);

function inspectJpeg(bytes: Buffer): Inspection {
  let pos = 2;
  let sawScan = false;
  while (pos < bytes.length) {
    if (bytes[pos] !== 0xff) return jpegBroken('expected a marker');
    while (pos < bytes.length && bytes[pos] === 0xff) pos++; // fill bytes
    if (pos >= bytes.length) break;
    const marker = bytes[pos]!;
    pos++;
    if (marker === 0xd9) {
      if (!sawScan) return jpegBroken('no image data');
      for (let i = pos; i < bytes.length; i++) {
        if (bytes[i] !== 0) return refuse('jpeg_trailing_data', 'JPEG 文件在结束标记（EOI）之后还有其他内容', 'The JPEG file has content after its end marker (EOI)');
      }
      return { ok: true, mime: 'image/jpeg' };
    }
    if ((marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) continue; // standalone markers
    if (marker === 0x00 || marker === 0xd8) return jpegBroken('unexpected marker');
    if (pos + 2 > bytes.length) break;
    const length = bytes.readUInt16BE(pos);
    if (length < 2 || pos + length > bytes.length) return jpegBroken('segment runs past the end');
    pos += length;
    if (marker !== 0xda) continue;
    // Entropy-coded data after the scan header: runs until a marker other than a stuffed
    // 0xFF00 or a restart marker.
    sawScan = true;
    while (pos < bytes.length) {
      if (bytes[pos] !== 0xff) {
        pos++;
        continue;
      }
      const next = bytes[pos + 1];
      if (next === undefined) return jpegBroken('no EOI marker');
      if (next === 0x00 || (next >= 0xd0 && next <= 0xd7)) {
        pos += 2;
        continue;
      }
      if (next === 0xff) {
        pos++;
        continue;
      }
      break;
    }
  }
  return jpegBroken('no EOI marker');
}

// ---- PDF: header at the very start, the last %%EOF followed by nothing but white space

const PDF_TRAILING_WHITESPACE = /^[\0\t\n\f\r ]*$/;

function inspectPdf(bytes: Buffer): Inspection {
  if (!/^%PDF-\d\.\d/.test(bytes.subarray(0, 8).toString('latin1'))) {
    return refuse('pdf_structure', 'PDF 文件头无效（应以 %PDF-x.y 开头）', 'The PDF header is invalid (must start with %PDF-x.y)');
  }
  const end = bytes.lastIndexOf('%%EOF');
  if (end < 0) return refuse('pdf_structure', 'PDF 文件不完整（缺少结尾的 %%EOF）', 'The PDF file is incomplete (no %%EOF at its end)');
  const after = bytes.subarray(end + 5);
  if (after.length > 1024 || !PDF_TRAILING_WHITESPACE.test(after.toString('latin1'))) {
    return refuse('pdf_trailing_data', 'PDF 文件在结尾标记（%%EOF）之后还有其他内容', 'The PDF file has content after its end marker (%%EOF)');
  }
  const action = pdfActiveName(bytes);
  if (action) {
    return refuse(
      'pdf_active_content',
      `PDF 文件含有可执行内容（${action}），不予接受；请另存为不含脚本、附件或动作的 PDF 后再上传`,
      `The PDF contains executable content (${action}) and is refused; save it as a PDF without scripts, attachments or actions and upload again`,
    );
  }
  return { ok: true, mime: 'application/pdf' };
}

/**
 * Names that make a PDF act rather than show: scripts (/JavaScript, /JS), launching programs
 * (/Launch), embedded files, rich media, and form actions that send or fetch data. They are
 * looked for in the object syntax outside streams (where random compressed bytes could read as
 * a name by chance) and inside the compressed object streams (/Type /ObjStm, PDF 1.5) that can
 * hide dictionaries. A name may spell letters as #xx escapes (/J#53 is /JS): they are decoded first.
 */
const PDF_ACTIVE_NAMES = /\/(JavaScript|JS|Launch|EmbeddedFiles?|RichMedia|SubmitForm|ImportData|GoToE)(?=[\s()<>[\]{}/%]|$)/;
const PDF_STREAM = /stream\r?\n([\s\S]*?)endstream/g;

function pdfActiveName(bytes: Buffer): string | null {
  const text = bytes.toString('latin1');
  const decode = (s: string) => s.replace(/#([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  const outside = decode(text.replace(PDF_STREAM, 'stream\nendstream'));
  const found = PDF_ACTIVE_NAMES.exec(outside);
  if (found) return `/${found[1]}`;
  for (const match of text.matchAll(PDF_STREAM)) {
    const start = match.index;
    const dictionary = text.slice(Math.max(0, text.lastIndexOf('obj', start)), start);
    if (!/\/Type\s*\/ObjStm/.test(dictionary) || !/\/FlateDecode/.test(dictionary)) continue;
    let inflated: string;
    try {
      inflated = inflateSync(Buffer.from(match[1]!, 'latin1'), { maxOutputLength: 64 * 1024 * 1024 }).toString('latin1');
    } catch {
      return 'ObjStm';
    }
    const hidden = PDF_ACTIVE_NAMES.exec(decode(inflated));
    if (hidden) return `/${hidden[1]}`;
  }
  return null;
}
