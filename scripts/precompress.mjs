#!/usr/bin/env node
/**
 * Writes a brotli (.br) and a gzip (.gz) copy beside each compressible file of a built web app,
 * for the server to send to browsers that accept them (@fastify/static `preCompressed`).
 * Compressing once at build time allows the strongest settings (brotli 11, gzip 9) at no cost
 * per request. Small files, already-compressed formats and copies no smaller than the original
 * are skipped; the server then sends the file itself.
 *
 *   node scripts/precompress.mjs apps/web/dist
 */
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { extname, join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/** Text-like formats worth compressing (images other than SVG, fonts in WOFF2 are compressed already). */
export const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.svg', '.json', '.webmanifest', '.txt', '.xml', '.map', '.wasm', '.ico', '.ttf', '.otf']);
/** Below this a compressed copy saves less than a packet. */
export const MIN_BYTES = 1024;

async function* files(dir) {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* files(path);
    else if (entry.isFile()) yield path;
  }
}

/**
 * Compresses every eligible file under `dir`; returns the copies written, relative to `dir`.
 * @param {string} dir
 * @returns {Promise<string[]>}
 */
export async function precompress(dir) {
  const written = [];
  const jobs = [];
  for await (const path of files(dir)) {
    if (!COMPRESSIBLE.has(extname(path).toLowerCase()) || (await stat(path)).size < MIN_BYTES) continue;
    jobs.push(
      (async () => {
        const bytes = await readFile(path);
        const copies = [
          ['.br', await brotli(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length } })],
          ['.gz', await gzipAsync(bytes, { level: constants.Z_BEST_COMPRESSION })],
        ];
        for (const [ext, copy] of copies) {
          if (copy.length >= bytes.length) continue;
          await writeFile(path + ext, copy);
          written.push(relative(dir, path + ext));
        }
      })(),
    );
  }
  await Promise.all(jobs);
  return written.sort();
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const dir = resolve(process.argv[2] ?? 'dist');
  const written = await precompress(dir);
  console.log(`precompress: ${written.length} compressed copies (.br, .gz) in ${dir}`);
}
