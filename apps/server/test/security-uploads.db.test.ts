/**
 * Uploads are exact or refused (issue #10, point 6), through HTTP with a demo account:
 * - what is stored is byte for byte what was sent (size and SHA-256, read back by download);
 * - a body over the limit is a 413 every time, whatever came before it; a second part, a field,
 *   a truncated or malformed body is a 400; none of them stores anything (no row, no file on
 *   disk, no audit record);
 * - polyglots (a PDF or PNG header followed by HTML or script) are refused naming the rule;
 * - downloads are attachments with an RFC 5987 name, nosniff and a CSP sandbox;
 * - stored names are sanitised.
 */
import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_FILE_BYTES, MAX_UPLOAD_BODY_BYTES } from '../src/modules/files/index.js';
import { PNG_SIGNATURE, pngChunk, sampleJpeg, samplePdf, samplePng, seededBytes } from '../src/modules/files/files.samples.js';
import { TestClient, testApp, type TestContext } from './test-app.js';

let t: TestContext;
let ent: TestClient;
let other: TestClient;

const BOUNDARY = '----seedbeduploadtest';
const MULTIPART = { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` };
interface Part {
  name: string;
  filename?: string;
  bytes: Buffer;
}
function form(parts: Part[], close = true): Buffer {
  const chunks: Buffer[] = [];
  for (const p of parts) {
    const filename = p.filename === undefined ? '' : `; filename="${p.filename}"`;
    chunks.push(Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="${p.name}"${filename}\r\nContent-Type: application/octet-stream\r\n\r\n`), p.bytes, Buffer.from('\r\n'));
  }
  if (close) chunks.push(Buffer.from(`--${BOUNDARY}--\r\n`));
  return Buffer.concat(chunks);
}
const file = (bytes: Buffer, filename = 'doc.pdf'): Part => ({ name: 'file', filename, bytes });
const upload = (c: TestClient, body: Buffer | Readable, headers: Record<string, string> = MULTIPART) => c.request('POST', '/api/v1/files', body, headers);
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** Everything an upload writes: rows, audit records, files on disk. */
async function footprint() {
  const count = async (table: string) => Number(((await t.database.db.selectFrom(table as never).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()) as { n: number | string }).n);
  let onDisk: number;
  try {
    onDisk = readdirSync(t.deps.config.filesDir).length;
  } catch {
    onDisk = 0; // no upload yet: the folder is made by the first one
  }
  return { files: await count('files'), audit: await count('audit_log'), onDisk };
}

beforeAll(async () => {
  t = await testApp({ demo: true });
  ent = new TestClient(t.app);
  await ent.loginDemo('ent.nanning', t.clock);
  other = new TestClient(t.app);
  await other.loginDemo('ent.nanchang', t.clock);
});
afterAll(async () => t?.close());

describe('what is stored is exactly what was sent', () => {
  it('gives back the same bytes, size and SHA-256 for PDF, PNG and JPEG files up to the limit', async () => {
    const samples: [string, Buffer, string][] = [
      ['random.pdf', samplePdf(3 * 1024 * 1024 + 7, 11), 'application/pdf'],
      ['random.png', samplePng(1024 * 1024 + 3, 12), 'image/png'],
      ['random.jpg', sampleJpeg(512 * 1024, 13), 'image/jpeg'],
    ];
    // Exactly at the limit: a PDF padded to MAX_FILE_BYTES.
    const pdf = samplePdf(16, 14);
    samples.push(['limit.pdf', Buffer.concat([pdf.subarray(0, 20), seededBytes(MAX_FILE_BYTES - pdf.length, 15), pdf.subarray(20)]), 'application/pdf']);
    for (const [name, bytes, contentType] of samples) {
      const r = await upload(ent, form([file(bytes, name)]));
      expect(r.statusCode, `${name}: ${r.body.slice(0, 200)}`).toBe(201);
      const stored = r.json<{ id: string; size: number; sha256: string; contentType: string; name: string }>();
      expect(stored).toMatchObject({ size: bytes.length, sha256: sha256(bytes), contentType, name });
      const down = await ent.get(`/api/v1/files/${stored.id}`);
      expect(down.statusCode).toBe(200);
      expect(down.rawPayload.length).toBe(bytes.length);
      expect(sha256(down.rawPayload)).toBe(sha256(bytes));
      expect(down.rawPayload.equals(bytes)).toBe(true);
    }
  });

  it('serves downloads as sandboxed attachments with an RFC 5987 name, only to the uploader', async () => {
    const r = await upload(ent, form([file(samplePdf(), "申报书 (final)'1.pdf")]));
    expect(r.statusCode).toBe(201);
    const down = await ent.get(`/api/v1/files/${r.json().id}`);
    expect(down.headers['content-type']).toBe('application/pdf');
    expect(down.headers['content-disposition']).toBe(`attachment; filename="___ (final)'1.pdf"; filename*=UTF-8''%E7%94%B3%E6%8A%A5%E4%B9%A6%20%28final%29%271.pdf`);
    expect(down.headers['x-content-type-options']).toBe('nosniff');
    expect(String(down.headers['content-security-policy'])).toMatch(/(^|;\s*)sandbox(;|$)/);
    expect(down.headers['cache-control']).toMatch(/no-store/);
    expect((await other.get(`/api/v1/files/${r.json().id}`)).statusCode).toBe(403);
  });
});

describe('a body over the limit is a 413 every time, and nothing partial is stored', () => {
  const big = () => Buffer.concat([samplePdf(), seededBytes(MAX_FILE_BYTES + 1 - samplePdf().length, 21)]);

  it('refuses a body over the limit with 413 whatever comes before the file, again and again', async () => {
    const before = await footprint();
    // Bodies of exactly one byte over the limit, the file making up the rest.
    const over = (prefix: Part[], close = true) => {
      const framing = form([...prefix, file(Buffer.alloc(0))], close).length;
      return form([...prefix, file(Buffer.concat([samplePdf(), seededBytes(MAX_UPLOAD_BODY_BYTES + 1 - framing - samplePdf().length, 21)]))], close);
    };
    const bodies: [string, Buffer][] = [
      ['the file alone', over([])],
      ['after a small field', over([{ name: 'note', bytes: Buffer.from('hello') }])],
      ['after a small valid file', over([file(samplePdf(), 'small.pdf')])],
      ['after garbage', Buffer.concat([Buffer.from('x'.repeat(1000)), over([])])],
      ['without the closing boundary', over([], false)],
    ];
    for (let round = 0; round < 2; round++) {
      for (const [label, body] of bodies) {
        expect(body.length, label).toBe(label === 'after garbage' ? MAX_UPLOAD_BODY_BYTES + 1001 : MAX_UPLOAD_BODY_BYTES + 1);
        const r = await upload(ent, body);
        expect(r.statusCode, `${label}: ${r.body.slice(0, 200)}`).toBe(413);
        expect(r.json()).toMatchObject({ code: 'FILE_TOO_LARGE', errors: [{ field: 'file', rule: 'max_size' }] });
      }
      // A good upload in between still works, and does not change the next refusal.
      expect((await upload(ent, form([file(samplePdf(), 'ok.pdf')]))).statusCode).toBe(201);
    }
    const after = await footprint();
    expect(after.files - before.files).toBe(2);
    expect(after.onDisk - before.onDisk).toBe(2);
  });

  it('refuses a file one byte over the limit in a body under it: 413 alone, refused (400 or 413) after another part', async () => {
    const before = await footprint();
    const alone = await upload(ent, form([file(big())]));
    expect(alone.statusCode).toBe(413);
    expect(alone.json()).toMatchObject({ code: 'FILE_TOO_LARGE' });
    for (const prefix of [[{ name: 'note', bytes: Buffer.from('hello') }], [file(samplePdf(), 'small.pdf')]]) {
      const r = await upload(ent, form([...prefix, file(big())]));
      expect([400, 413]).toContain(r.statusCode);
    }
    expect(await footprint()).toEqual(before);
  });

  it('refuses an oversized file sent without a declared length (streamed) with 413', async () => {
    const before = await footprint();
    const body = form([file(big())]);
    const r = await upload(ent, Readable.from([body.subarray(0, 1000), body.subarray(1000)]));
    expect(r.statusCode).toBe(413);
    expect(await footprint()).toEqual(before);
  });

  it('refuses a second file, a field, a truncated or malformed body with 400, storing nothing', async () => {
    const before = await footprint();
    const pdf = samplePdf();
    const cases: [string, Buffer, Record<string, string>, string][] = [
      ['a second file', form([file(pdf, 'a.pdf'), file(pdf, 'b.pdf')]), MULTIPART, 'FILE_ONE_ONLY'],
      ['a field after the file', form([file(pdf), { name: 'note', bytes: Buffer.from('x') }]), MULTIPART, 'FILE_ONE_ONLY'],
      ['a field before the file', form([{ name: 'note', bytes: Buffer.from('x') }, file(pdf)]), MULTIPART, 'FILE_ONE_ONLY'],
      ['a file under another name', form([{ name: 'other', filename: 'a.pdf', bytes: pdf }]), MULTIPART, 'FILE_ONE_ONLY'],
      ['no closing boundary', form([file(pdf)], false), MULTIPART, 'MULTIPART_MALFORMED'],
      ['cut inside the file', form([file(pdf)]).subarray(0, 120), MULTIPART, 'MULTIPART_MALFORMED'],
      ['no boundary parameter', form([file(pdf)]), { 'content-type': 'multipart/form-data' }, 'MULTIPART_MALFORMED'],
      ['another boundary', form([file(pdf)]), { 'content-type': 'multipart/form-data; boundary=nope' }, 'MULTIPART_MALFORMED'],
      ['nothing', Buffer.alloc(0), MULTIPART, 'FILE_MISSING'],
    ];
    for (const [label, body, headers, code] of cases) {
      const r = await upload(ent, body, headers);
      expect(r.statusCode, `${label}: ${r.body.slice(0, 200)}`).toBe(400);
      expect(r.json().code, label).toBe(code);
      expect(r.json().errors?.[0]?.rule, label).toBeTruthy();
    }
    expect(await footprint()).toEqual(before);
  });
});

describe('polyglots are refused naming the rule', () => {
  it('refuses PDF and PNG headers followed by HTML or script, and HTML appended to a valid file', async () => {
    const before = await footprint();
    const script = Buffer.from('<html><script>alert(document.cookie)</script></html>');
    const cases: [string, Buffer, string][] = [
      ['%PDF header then HTML', Buffer.concat([Buffer.from('%PDF-1.4\n'), script]), 'pdf_structure'],
      ['%PDF header, HTML, then %%EOF', Buffer.concat([Buffer.from('%PDF-1.4\n'), script, Buffer.from('\n%%EOF\n')]), 'active_content'],
      ['valid PDF then HTML', Buffer.concat([samplePdf(), script]), 'pdf_trailing_data'],
      ['PNG signature then script', Buffer.concat([PNG_SIGNATURE, Buffer.from('<script>alert(1)</script>')]), 'png_structure'],
      ['valid PNG then HTML', Buffer.concat([samplePng(), script]), 'png_trailing_data'],
      ['PNG with a script in a text chunk', samplePng(64, 1, [pngChunk('tEXt', Buffer.concat([Buffer.from('Comment\0'), script]))]), 'active_content'],
      ['valid JPEG then HTML', Buffer.concat([sampleJpeg(), script]), 'jpeg_trailing_data'],
      ['PDF with an SVG', Buffer.from('%PDF-1.4\n(<SVG onload=alert(1)>)\n%%EOF\n'), 'active_content'],
    ];
    for (const [label, bytes, rule] of cases) {
      const r = await upload(ent, form([file(bytes, 'x.pdf')]));
      expect(r.statusCode, `${label}: ${r.body.slice(0, 200)}`).toBe(415);
      expect(r.json(), label).toMatchObject({ code: 'FILE_CONTENT_NOT_ALLOWED', errors: [{ field: 'file', rule }] });
    }
    expect(await footprint()).toEqual(before);
  });
});

describe('stored names are sanitised', () => {
  it('keeps no path, control or bidirectional characters, no leading dots, and at most 200 bytes', async () => {
    const cases: [string, string][] = [
      ['../../etc/passwd.pdf', 'passwd.pdf'],
      ['..\\..\\boot.pdf', 'boot.pdf'],
      ['invoice\u202Egnp.pdf', 'invoicegnp.pdf'],
      ['a\u2066b\u2069c.pdf', 'abc.pdf'],
      ['.htaccess.pdf', 'htaccess.pdf'],
      ['a\u0001b\u007fc.pdf', 'abc.pdf'],
      ['page.html', 'page.html.pdf'],
    ];
    for (const [sent, expected] of cases) {
      const r = await upload(ent, form([file(samplePdf(), sent)]));
      expect(r.statusCode, sent).toBe(201);
      expect(r.json().name, JSON.stringify(sent)).toBe(expected);
    }
    const long = await upload(ent, form([file(samplePdf(), `${'证'.repeat(300)}.pdf`)]));
    expect(long.statusCode).toBe(201);
    const name = long.json<{ name: string }>().name;
    expect(Buffer.byteLength(name)).toBeLessThanOrEqual(200);
    expect(name).toMatch(/^证+\.pdf$/);
  });
});
