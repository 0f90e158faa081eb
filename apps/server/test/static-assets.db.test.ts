/**
 * The built web app is served compressed and cached by what each file is (issue #11, item 12):
 * the build writes .br and .gz beside each compressible file; a client that accepts brotli gets
 * the .br with `content-encoding: br`, one that accepts gzip the .gz, any other the file itself;
 * content-hashed files under assets/ are cached for a year (`immutable`), index.html and the
 * client-route fallback are revalidated on every use (`no-cache`). The security headers stay.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestContext } from './test-app.js';

const INDEX = readFileSync(new URL('../../web/index.html', import.meta.url), 'utf8');
const SCRIPT = Buffer.from(`export const label = ${JSON.stringify('政策兑现 Policy fulfilment '.repeat(400))};\n`);
const ASSET = '/assets/index-B4x9Qa1z.js';

let t: TestContext;

beforeAll(async () => {
  // A built web app stand-in, laid out as the build lays it out: index.html and public files at
  // the top, content-hashed files in assets/, each compressible one with its .br and .gz.
  const web = mkdtempSync(join(tmpdir(), 'seedbed-web-'));
  mkdirSync(join(web, 'assets'));
  const files: [string, Buffer][] = [
    ['index.html', Buffer.from(INDEX)],
    [ASSET.slice(1), SCRIPT],
  ];
  for (const [name, bytes] of files) {
    writeFileSync(join(web, name), bytes);
    writeFileSync(join(web, `${name}.br`), brotliCompressSync(bytes));
    writeFileSync(join(web, `${name}.gz`), gzipSync(bytes));
  }
  writeFileSync(join(web, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  t = await testApp({ config: { webDist: web } });
});
afterAll(async () => t?.close());

const get = (url: string, acceptEncoding?: string) =>
  t.app.inject({ method: 'GET', url, headers: acceptEncoding ? { 'accept-encoding': acceptEncoding } : {} });

describe('the web app', () => {
  it('sends a hashed asset brotli-compressed to a client that accepts it, cached for a year', async () => {
    const r = await get(ASSET, 'gzip, deflate, br');
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-encoding']).toBe('br');
    expect(r.headers['content-type']).toMatch(/javascript/);
    expect(r.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(String(r.headers.vary)).toMatch(/accept-encoding/i);
    expect(r.rawPayload.length).toBeLessThan(SCRIPT.length / 10);
    expect(brotliDecompressSync(r.rawPayload).equals(SCRIPT)).toBe(true);
    // The security headers are kept on static files.
    expect(r.headers['content-security-policy']).toContain("script-src 'self'");
    expect(r.headers['x-content-type-options']).toBe('nosniff');
  });

  it('sends gzip to a client without brotli, and the plain file to one that accepts neither', async () => {
    const gz = await get(ASSET, 'gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.rawPayload).equals(SCRIPT)).toBe(true);
    expect(gz.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const plain = await get(ASSET);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.rawPayload.equals(SCRIPT)).toBe(true);
    expect(plain.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('revalidates index.html, the client-route fallback and unhashed public files on every use', async () => {
    for (const url of ['/', '/index.html', '/finder', '/fulfilment/mine']) {
      const r = await get(url, 'br');
      expect({ url, status: r.statusCode }).toEqual({ url, status: 200 });
      expect(r.headers['content-type']).toContain('text/html');
      expect(r.headers['content-encoding']).toBe('br');
      expect(brotliDecompressSync(r.rawPayload).toString()).toBe(INDEX);
      expect(r.headers['cache-control']).toBe('no-cache');
      expect(r.headers['content-security-policy']).toContain("default-src 'self'");
    }
    const icon = await get('/favicon.svg', 'br');
    expect(icon.statusCode).toBe(200);
    expect(icon.headers['content-encoding']).toBeUndefined(); // no .br beside it
    expect(icon.headers['cache-control']).toBe('no-cache');
  });

  it('keeps API answers out of every cache', async () => {
    const r = await get('/api/health', 'br');
    expect(r.headers['cache-control']).toBe('no-store');
  });
});
