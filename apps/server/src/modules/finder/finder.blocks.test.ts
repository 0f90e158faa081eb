/**
 * The binary block formats: each format read back over several blocks gives what the evaluator
 * reads (numbers in every width, missing values, dictionaries merged across blocks, lists, ids),
 * and a value the evaluator would not accept for the type is missing.
 */
import { describe, expect, it } from 'vitest';
import { isDictionaryColumn, MISSING_BOOL, parseDate, type Catalog, type Column } from '@seedbed/rules';
import { sizeClassOf } from '../subjects/index.js';
import { decodeColumns, encodeColumn, formatOf, gather, rowsOf, SIZE_CLASS_COLUMN } from './finder.blocks.js';

/** The blocks' values encoded one block at a time, then read back as one column. */
function roundTrip(format: string, blocks: unknown[][]): Column | string[] {
  const parts = blocks.map((b) => encodeColumn(format, b));
  // Through base64, as the database hands them over (at arbitrary byte offsets).
  const read = parts.map((p) => Buffer.from(Buffer.from(p).toString('base64'), 'base64'));
  return decodeColumns(format, read, blocks.map((b) => b.length));
}

const plain = (col: Column | string[]): unknown[] => {
  if (Array.isArray(col)) return col;
  if (isDictionaryColumn(col as Column)) {
    const d = col as { codes: Int32Array; dict: readonly string[] };
    return Array.from(d.codes, (c) => (c >= 0 ? d.dict[c] : null));
  }
  if (col instanceof Float64Array) return Array.from(col, (v) => (Number.isNaN(v) ? null : v));
  return Array.from(col as Uint8Array, (v) => (v === MISSING_BOOL ? null : v === 1));
};

describe('finder block formats', () => {
  it('keeps numbers exactly in the narrowest width, and marks the others missing', () => {
    const small = [0, 1, -5, 32767, -32767, null, 400];
    const wide = [32768, -2147483647, 2147483647, null, 7];
    const fractional = [1.5, -0.25, 1e15, 123456789012345, null];
    const wrong = ['12', true, { n: 1 }, [1], NaN, Infinity];
    for (const [values, width] of [[small, 2], [wide, 4], [fractional, 8], [[-32768], 4], [[-2147483648], 8], [[-0], 8]] as const) {
      const bytes = encodeColumn('num', values);
      expect(bytes[bytes.length - 1], JSON.stringify(values)).toBe(width);
      expect(rowsOf('num', bytes)).toBe(values.length);
    }
    const got = roundTrip('num', [small, wide, [], fractional, wrong]);
    expect(got).toBeInstanceOf(Float64Array);
    expect(plain(got)).toEqual([...small, ...wide, ...fractional, ...wrong.map(() => null)]);
    expect(Object.is((roundTrip('num', [[-0]]) as Float64Array)[0], -0)).toBe(true);
  });

  it('reads dates as day numbers, an impossible date as missing', () => {
    const got = roundTrip('days', [['2024-02-29', '1970-01-01', null], ['2026-02-30', 20240229, '2099-12-31']]);
    expect(plain(got)).toEqual([parseDate('2024-02-29'), 0, null, null, null, parseDate('2099-12-31')]);
  });

  it('reads booleans, anything else as missing', () => {
    expect(plain(roundTrip('bool', [[true, false, null], ['true', 1, false]]))).toEqual([true, false, null, null, null, false]);
  });

  it('merges the dictionaries of blocks, in every code width', () => {
    const many = Array.from({ length: 300 }, (_, i) => `v${i}`);
    const huge = Array.from({ length: 70_000 }, (_, i) => `w${i % 66_000}`);
    const blocks = [['a', 'b', null, 'a'], ['b', 'c', 42, 'a 逗号，"'], many, [], huge, ['c', null]];
    expect(encodeColumn('codes', blocks[0]!).at(-1)).toBe(1);
    expect(encodeColumn('codes', many).at(-1)).toBe(2);
    expect(encodeColumn('codes', huge).at(-1)).toBe(4);
    const got = roundTrip('codes', blocks);
    expect(isDictionaryColumn(got as Column)).toBe(true);
    expect(plain(got)).toEqual(blocks.flat().map((v) => (typeof v === 'string' ? v : null)));
    // One entry per distinct value across the blocks.
    expect((got as unknown as { dict: string[] }).dict.length).toBe(new Set(blocks.flat().filter((v) => typeof v === 'string')).size);
    expect(rowsOf('codes', encodeColumn('codes', huge))).toBe(huge.length);
  });

  it('computes the size class from its inputs, as the profile page classifies', () => {
    const inputs = { industry: ['I65', 'I65', null, 'C30', 'I65'], employees: [12, 500, 5, null, '100'], revenue: [1_000_000, 2e12, 1, 1, 1], total_assets: [null, null, null, null, null] };
    const format = formatOf({ variables: new Map() } as unknown as Catalog, SIZE_CLASS_COLUMN);
    expect(format).toMatch(/^size:[0-9a-f]{16}$/);
    const want = inputs.industry.map((industry, i) =>
      sizeClassOf({ industry: industry ?? undefined, employees: (inputs.employees[i] ?? undefined) as number | undefined, revenue: inputs.revenue[i], total_assets: undefined }),
    );
    expect(want.filter(Boolean).length).toBeGreaterThan(1);
    const got = decodeColumns(format, [encodeColumn(format, inputs.industry.map(() => null), inputs)], [inputs.industry.length]);
    expect(plain(got)).toEqual(want);
    // Without its inputs the column cannot be computed.
    expect(() => encodeColumn(format, [null])).toThrow(/computed from its inputs/);
    expect(() => encodeColumn('size:0000000000000000', [null], inputs)).toThrow(/unknown block column format/);
  });

  it('reads lists and ids', () => {
    expect(roundTrip('json', [[['x,y', 'z"'], 'not a list', null], [[1, true]]])).toEqual([['x,y', 'z"'], null, null, ['1', 'true']]);
    expect(roundTrip('ids', [['00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000002'], [], ['fff00000-0000-4000-8000-000000000003']])).toEqual([
      '00000000-0000-4000-8000-000000000001',
      '00000000-0000-4000-8000-000000000002',
      'fff00000-0000-4000-8000-000000000003',
    ]);
  });

  it('gathers rows of every kind of column', () => {
    const keep = [2, 0];
    expect(plain(gather(Float64Array.from([1, NaN, 3]), keep))).toEqual([3, 1]);
    expect(plain(gather(Uint8Array.from([1, MISSING_BOOL, 0]), keep))).toEqual([false, true]);
    expect(plain(gather({ codes: Int32Array.from([0, -1, 1]), dict: ['a', 'b'] }, keep))).toEqual(['b', 'a']);
    expect(gather([['a'], null, ['b']], keep)).toEqual([['b'], ['a']]);
  });
});
