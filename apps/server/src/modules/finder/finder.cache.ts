/**
 * This process's decoded column blocks (issue #23): a chunk of blocks read for a population job is
 * kept as the evaluator's columns, with the revisions of its blocks it was read at. The next job
 * over the same blocks asks the database only for their revisions (one short row) and takes the
 * columns again when none changed; a chunk any of whose subjects changed is read again. The
 * database stays the truth: every use is checked against it, and any process may hold its own.
 * Least recently used chunks are dropped beyond a budget of bytes (SEEDBED_FINDER_CACHE_MB).
 */
import { isDictionaryColumn, type Column } from '@seedbed/rules';
import type { SubjectColumns } from './finder.repository.js';

/** What the cache holds when the app does not say (SEEDBED_FINDER_CACHE_MB's default). */
export const DEFAULT_BLOCK_CACHE_BYTES = 256 * 1024 * 1024;

interface Entry {
  /** The chunk's blocks and their revisions as `block:revision,…` in block order. */
  revisions: string;
  chunk: SubjectColumns;
  bytes: number;
}

export class BlockCache {
  // A Map iterates in insertion order: a use moves an entry to the end, the first is the least recent.
  private readonly entries = new Map<string, Entry>();
  private held = 0;

  constructor(private limit: number) {}

  /** Bytes the cached chunks take (estimated: typed arrays exactly, strings at two bytes a character). */
  get bytes(): number {
    return this.held;
  }

  get size(): number {
    return this.entries.size;
  }

  /** Changes the budget (0: keep nothing), dropping chunks beyond it. */
  setBudget(bytes: number): void {
    this.limit = bytes;
    this.shrink();
  }

  /** Whether a chunk is held under the key (whatever its revisions). */
  has(key: string): boolean {
    return this.entries.has(key);
  }

  /** The chunk held under the key if it was read at exactly these revisions; a stale one is dropped. */
  get(key: string, revisions: string): SubjectColumns | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    if (entry.revisions !== revisions) {
      this.held -= entry.bytes;
      return undefined;
    }
    this.entries.set(key, entry);
    return entry.chunk;
  }

  set(key: string, revisions: string, chunk: SubjectColumns): void {
    const old = this.entries.get(key);
    if (old) {
      this.entries.delete(key);
      this.held -= old.bytes;
    }
    const bytes = chunkBytes(chunk);
    if (bytes > this.limit) return;
    this.entries.set(key, { revisions, chunk, bytes });
    this.held += bytes;
    this.shrink();
  }

  clear(): void {
    this.entries.clear();
    this.held = 0;
  }

  private shrink(): void {
    for (const [key, entry] of this.entries) {
      if (this.held <= this.limit) break;
      this.entries.delete(key);
      this.held -= entry.bytes;
    }
  }
}

const caches = new WeakMap<object, BlockCache>();

/** The cache of the chunks read through one database handle (created on first use, with the default budget). */
export function blockCache(db: object): BlockCache {
  let cache = caches.get(db);
  if (!cache) {
    cache = new BlockCache(DEFAULT_BLOCK_CACHE_BYTES);
    caches.set(db, cache);
  }
  return cache;
}

const stringBytes = (s: string | null | undefined) => (s == null ? 8 : 32 + 2 * s.length);

function columnBytes(c: Column | readonly string[]): number {
  if (c instanceof Float64Array || c instanceof Uint8Array) return c.byteLength;
  if (isDictionaryColumn(c as Column)) {
    const d = c as { codes: Int32Array; dict: readonly string[] };
    return d.codes.byteLength + d.dict.reduce((n, s) => n + stringBytes(s), 0);
  }
  let n = 0;
  for (const v of c as readonly (string | readonly string[] | null)[]) n += Array.isArray(v) ? 32 + v.reduce((m: number, s: string) => m + stringBytes(s), 0) : stringBytes(v as string | null);
  return n;
}

/** A chunk's size in bytes, estimated as `BlockCache.bytes` says. */
export function chunkBytes(chunk: SubjectColumns): number {
  let n = columnBytes(chunk.ids) + columnBytes(chunk.regions);
  for (const c of Object.values(chunk.columns)) n += columnBytes(c);
  return n;
}
