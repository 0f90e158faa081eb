import { describe, expect, it } from 'vitest';
import { BlockCache, blockCache, chunkBytes } from './finder.cache.js';
import type { SubjectColumns } from './finder.repository.js';

/** A chunk of n rows with one number column (8 bytes a row) and regions (4 bytes a row, one value). */
const chunk = (n: number): SubjectColumns => ({ size: n, ids: [], regions: { codes: new Int32Array(n), dict: ['450103'] }, columns: { employees: new Float64Array(n) }, last: null });

describe('the block cache', () => {
  it('estimates a chunk from its columns: typed arrays exactly, strings at two bytes a character', () => {
    expect(chunkBytes(chunk(100))).toBe(100 * 12 + 32 + 12);
    const withText: SubjectColumns = { ...chunk(2), ids: ['ab', 'cd'], columns: { tags: [['x'], null] } };
    expect(chunkBytes(withText)).toBe(2 * (32 + 4) + (2 * 4 + 32 + 12) + (32 + 34) + 8);
  });

  it('gives a chunk back only at the revisions it was read at, and drops a stale one', () => {
    const cache = new BlockCache(1 << 20);
    const c = chunk(10);
    cache.set('k', '1:5,2:7', c);
    expect(cache.get('k', '1:5,2:7')).toBe(c);
    expect(cache.get('k', '1:5,2:8')).toBeUndefined();
    expect(cache.has('k')).toBe(false);
    expect(cache.bytes).toBe(0);
    expect(cache.get('other', '')).toBeUndefined();
  });

  it('drops the least recently used chunks beyond its budget, and never holds one larger than it', () => {
    const size = chunkBytes(chunk(1000));
    const cache = new BlockCache(size * 2);
    cache.set('a', 'r', chunk(1000));
    cache.set('b', 'r', chunk(1000));
    // A use of a makes b the least recent.
    expect(cache.get('a', 'r')).toBeDefined();
    cache.set('c', 'r', chunk(1000));
    expect([cache.has('a'), cache.has('b'), cache.has('c')]).toEqual([true, false, true]);
    expect(cache.bytes).toBe(size * 2);
    // Replacing a key counts its bytes once.
    cache.set('c', 's', chunk(1000));
    expect(cache.bytes).toBe(size * 2);
    cache.set('huge', 'r', chunk(5000));
    expect(cache.has('huge')).toBe(false);
    expect(cache.size).toBe(2);
    cache.setBudget(size);
    expect(cache.size).toBe(1);
    expect(cache.has('c')).toBe(true);
    cache.clear();
    expect([cache.size, cache.bytes]).toEqual([0, 0]);
  });

  it('keeps one cache per database handle', () => {
    const one = {};
    const two = {};
    expect(blockCache(one)).toBe(blockCache(one));
    expect(blockCache(one)).not.toBe(blockCache(two));
  });
});
