/** The build's compression step: .br and .gz beside the files worth it, identical when decompressed. */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { precompress } from './precompress.mjs';

describe('precompress', () => {
  it('writes .br and .gz beside compressible files, skipping small, binary and incompressible ones', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'seedbed-precompress-'));
    mkdirSync(join(dir, 'assets'));
    const script = Buffer.from(`console.log(${JSON.stringify('政策兑现 '.repeat(2000))});\n`);
    const html = Buffer.from(`<!doctype html><title>Seedbed</title>${'<p>双创服务平台</p>'.repeat(200)}`);
    writeFileSync(join(dir, 'assets/index-abc123.js'), script);
    writeFileSync(join(dir, 'index.html'), html);
    writeFileSync(join(dir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>'); // under 1 KiB
    writeFileSync(join(dir, 'assets/logo-def456.png'), Buffer.alloc(4096, 7)); // compressed format
    writeFileSync(join(dir, 'assets/engine-0a1b2c.wasm'), randomBytes(4096)); // random bytes do not shrink
    const written = await precompress(dir);
    expect(written).toEqual(expect.arrayContaining(['assets/index-abc123.js.br', 'assets/index-abc123.js.gz', 'index.html.br', 'index.html.gz']));
    expect(written.filter((f) => !/^(assets\/index-abc123\.js|index\.html)\./.test(f))).toEqual([]);
    expect(existsSync(join(dir, 'favicon.svg.br'))).toBe(false);
    expect(existsSync(join(dir, 'assets/engine-0a1b2c.wasm.br'))).toBe(false);
    for (const [file, bytes] of [['assets/index-abc123.js', script], ['index.html', html]] as const) {
      const br = readFileSync(join(dir, `${file}.br`));
      const gz = readFileSync(join(dir, `${file}.gz`));
      expect(br.length).toBeLessThan(bytes.length / 4);
      expect(brotliDecompressSync(br).equals(bytes)).toBe(true);
      expect(gunzipSync(gz).equals(bytes)).toBe(true);
    }
  });
});
