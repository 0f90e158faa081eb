/**
 * The JavaScript a page's first load needs, read from a built web app's Vite manifest
 * (dist/.vite/manifest.json): the entry (index.html) and every chunk it imports statically,
 * transitively — not its dynamic imports (lazily loaded routes). Sizes are the files' bytes and
 * their gzip at level 9 (what scripts/precompress.mjs writes beside them; the server sends the
 * brotli copy when the browser accepts it, smaller still).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

export const FIRST_LOAD_BUDGET_BYTES = 350 * 1024;

interface ManifestChunk {
  file: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
}

export interface ChunkSize {
  file: string;
  bytes: number;
  gzip: number;
  /** Brotli at quality 11, as scripts/precompress.mjs writes it. */
  brotli: number;
}

/** The chunks reached from `start` (a manifest key) through static imports, entry first. */
export function staticClosure(manifest: Record<string, ManifestChunk>, start: string): string[] {
  const seen: string[] = [];
  const visit = (key: string) => {
    if (seen.includes(key)) return;
    const chunk = manifest[key];
    if (!chunk) throw new Error(`${key} is not in the manifest`);
    seen.push(key);
    for (const imported of chunk.imports ?? []) visit(imported);
  };
  visit(start);
  return seen;
}

export function readManifest(dist: string): Record<string, ManifestChunk> {
  return JSON.parse(readFileSync(join(dist, '.vite', 'manifest.json'), 'utf8')) as Record<string, ManifestChunk>;
}

/** The files of the JS the entry loads statically; `extra` adds the static closure of other manifest keys (a lazy route's page). */
export function firstLoadFiles(dist: string, extra: string[] = []): string[] {
  const manifest = readManifest(dist);
  const entry = Object.keys(manifest).find((k) => manifest[k]?.isEntry && k.endsWith('index.html'));
  if (!entry) throw new Error('no index.html entry in the manifest (build.manifest must be on)');
  const keys = new Set([entry, ...extra].flatMap((k) => staticClosure(manifest, k)));
  return [...keys].map((k) => manifest[k]!.file);
}

const compressed = new Map<string, number>();
/** A compressed size, computed once per file and format (brotli 11 takes a while on big chunks). */
function compressedSize(path: string, format: 'gzip' | 'brotli'): number {
  const key = `${format}:${path}`;
  let size = compressed.get(key);
  if (size === undefined) {
    const bytes = readFileSync(path);
    size = format === 'gzip' ? gzipSync(bytes, { level: 9 }).length : brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
    compressed.set(key, size);
  }
  return size;
}

/** Sizes of the JS the entry loads statically (see firstLoadFiles); compressed sizes are computed when read. */
export function firstLoadJs(dist: string, extra: string[] = []): ChunkSize[] {
  return firstLoadFiles(dist, extra).map((file) => {
    const path = join(dist, file);
    return {
      file,
      bytes: readFileSync(path).length,
      get gzip() {
        return compressedSize(path, 'gzip');
      },
      get brotli() {
        return compressedSize(path, 'brotli');
      },
    };
  });
}

export const total = (sizes: ChunkSize[], key: 'bytes' | 'gzip' | 'brotli') => sizes.reduce((s, c) => s + c[key], 0);
