/**
 * The binary form of the finder's column blocks (issue #23): each variable of a block is stored
 * as the bytes of the column the compiled evaluator reads, so that a population job copies bytes
 * instead of parsing values.
 *
 * | format   | for                                    | bytes                                                                 |
 * |----------|----------------------------------------|-----------------------------------------------------------------------|
 * | `num`    | integer, number, money                 | the values in the narrowest of int16, int32 or float64 that holds them, then that width (2, 4 or 8) as one byte; missing is the int's least value or NaN |
 * | `days`   | date                                   | as `num`, of day numbers (since 1970-01-01)                           |
 * | `bool`   | boolean, the demo flag                 | one byte per row: 0, 1, or MISSING_BOOL                               |
 * | `codes`  | string, enum, region, a subject's region | u32 length of the dictionary's JSON, the JSON, padding to 4, a code per row in the narrowest of uint8, uint16 or int32 (missing: its greatest value, or -1), then that width as one byte |
 * | `size:…` | the size class computed from its inputs | as `codes`                                                           |
 * | `json`   | string_list                            | the JSON text of the column (an array of string lists or null)        |
 * | `ids`    | the subject ids                        | the ids joined by commas, UTF-8                                       |
 *
 * A value the evaluator would not accept for the variable's type (a number given as text, an
 * impossible date, an object) is stored as missing, as the evaluator's columns always held it.
 * Numbers are in the host's byte order; every supported host (x86-64, arm64) is little-endian.
 */
import { createHash } from 'node:crypto';
import { endianness } from 'node:os';
import { MISSING_BOOL, parseDate, toDictionaryColumn, type Catalog, type Column, type DictionaryColumn } from '@seedbed/rules';
import { SECTOR_RULES, SIZE_CLASS_REVISION, sizeClassOf } from '../subjects/index.js';

if (endianness() !== 'LE') throw new Error('finder: the column blocks are stored little-endian; this host is big-endian');

/** The block column that holds the size class computed from its inputs. */
export const SIZE_CLASS_COLUMN = '#size_class';
/** The facts the size class is computed from. */
export const SIZE_INPUTS = ['industry', 'employees', 'revenue', 'total_assets'] as const;

/**
 * The size class column's format names the classification it was computed with, so that a
 * change to the thresholds (or the code, with SIZE_CLASS_REVISION) makes every stored one stale.
 */
const SIZE_FORMAT = `size:${createHash('sha256').update(`codes|${SIZE_CLASS_REVISION}|${JSON.stringify(SECTOR_RULES)}`).digest('hex').slice(0, 16)}`;

/** How a block column is stored, by its name ('#ids', '#regions', '#demo', '#size_class' or a variable). */
export function formatOf(catalog: Catalog, name: string): string {
  switch (name) {
    case '#ids':
      return 'ids';
    case '#regions':
      return 'codes';
    case '#demo':
      return 'bool';
    case SIZE_CLASS_COLUMN:
      return SIZE_FORMAT;
  }
  const type = catalog.variables.get(name)?.type;
  switch (type) {
    case 'integer':
    case 'number':
    case 'money':
      return 'num';
    case 'date':
      return 'days';
    case 'boolean':
      return 'bool';
    case 'string':
    case 'enum':
    case 'region':
      return 'codes';
    default:
      return 'json';
  }
}

/** Dates parsed once per distinct text (a population repeats the same few thousand dates). */
const dayCache = new Map<string, number | undefined>();
function dayOf(s: string): number | undefined {
  let d = dayCache.get(s);
  if (d === undefined && !dayCache.has(s)) {
    d = parseDate(s);
    if (dayCache.size >= 100_000) dayCache.clear();
    dayCache.set(s, d);
  }
  return d;
}

const bytesOf = (a: ArrayBufferView): Uint8Array => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);

/** A dictionary column's bytes (`codes`). */
function encodeDictionary(values: readonly unknown[]): Uint8Array {
  const { codes: local, dict: seen } = toDictionaryColumn(values.map((v) => (typeof v === 'string' ? v : null)));
  // The dictionary in sorted order, so that blocks holding the same values hold the same dictionary
  // (and the reader maps it once per chunk).
  const dict = [...seen].sort();
  const rankOf = new Map(dict.map((v, r) => [v, r]));
  const rank = Int32Array.from(seen, (v) => rankOf.get(v)!);
  for (let i = 0; i < local.length; i++) if (local[i]! >= 0) local[i] = rank[local[i]!]!;
  const width = dict.length < 0xff ? 1 : dict.length < 0xffff ? 2 : 4;
  const codes = width === 1 ? new Uint8Array(local.length) : width === 2 ? new Uint16Array(local.length) : local;
  if (width !== 4) {
    const missing = width === 1 ? 0xff : 0xffff;
    for (let i = 0; i < local.length; i++) codes[i] = local[i]! < 0 ? missing : local[i]!;
  }
  const text = Buffer.from(JSON.stringify(dict), 'utf8');
  const start = codesStart(text.length);
  const out = new Uint8Array(start + codes.byteLength + 1);
  new DataView(out.buffer).setUint32(0, text.length, true);
  out.set(text, 4);
  out.set(bytesOf(codes), start);
  out[out.length - 1] = width;
  return out;
}

/** Where a dictionary column's codes start, after the dictionary of `length` bytes (aligned to 4). */
const codesStart = (length: number) => 4 + length + ((4 - (length % 4)) % 4);

/** Numbers (`num`, `days`) in the narrowest width that holds every one of them exactly. */
function encodeNumbers(col: Float64Array): Uint8Array {
  let width = 2;
  for (let i = 0; i < col.length && width < 8; i++) {
    const v = col[i]!;
    if (v !== v) continue;
    if (!Number.isInteger(v) || Object.is(v, -0) || v <= -2147483648 || v > 2147483647) width = 8;
    else if (v <= -32768 || v > 32767) width = 4;
  }
  const data = width === 8 ? col : width === 4 ? new Int32Array(col.length) : new Int16Array(col.length);
  if (width !== 8) {
    const missing = width === 4 ? -2147483648 : -32768;
    for (let i = 0; i < col.length; i++) data[i] = col[i]! !== col[i]! ? missing : col[i]!;
  }
  const out = new Uint8Array(data.byteLength + 1);
  out.set(bytesOf(data), 0);
  out[data.byteLength] = width;
  return out;
}

/**
 * One block's column in its format, from the values as stored (the parsed JSON of each
 * subject's fact, null when it has none). `inputs` are the size class's facts for SIZE_FORMAT.
 */
export function encodeColumn(format: string, values: readonly unknown[], inputs?: Readonly<Record<(typeof SIZE_INPUTS)[number], readonly unknown[]>>): Uint8Array {
  const n = values.length;
  switch (format) {
    case 'num': {
      const col = new Float64Array(n).fill(NaN);
      for (let i = 0; i < n; i++) {
        const v = values[i];
        if (typeof v === 'number' && Number.isFinite(v)) col[i] = v;
      }
      return encodeNumbers(col);
    }
    case 'days': {
      const col = new Float64Array(n).fill(NaN);
      for (let i = 0; i < n; i++) {
        const v = values[i];
        const d = typeof v === 'string' ? dayOf(v) : undefined;
        if (d !== undefined) col[i] = d;
      }
      return encodeNumbers(col);
    }
    case 'bool': {
      const col = new Uint8Array(n).fill(MISSING_BOOL);
      for (let i = 0; i < n; i++) {
        const v = values[i];
        if (typeof v === 'boolean') col[i] = v ? 1 : 0;
      }
      return col;
    }
    case 'codes':
      return encodeDictionary(values);
    case 'json':
      return Buffer.from(JSON.stringify(values.map((v) => (Array.isArray(v) ? v.map(String) : null))), 'utf8');
    case 'ids':
      return Buffer.from(values.join(','), 'utf8');
    default: {
      if (format !== SIZE_FORMAT) throw new Error(`finder: unknown block column format ${format}`);
      if (!inputs) throw new Error('finder: the size class column is computed from its inputs, and none were given');
      const classes = new Array<string | null>(n);
      for (let i = 0; i < n; i++)
        classes[i] = sizeClassOf({
          industry: (inputs.industry[i] ?? undefined) as string | undefined,
          employees: (inputs.employees[i] ?? undefined) as number | undefined,
          revenue: (inputs.revenue[i] ?? undefined) as number | undefined,
          total_assets: (inputs.total_assets[i] ?? undefined) as number | undefined,
        });
      return encodeDictionary(classes);
    }
  }
}

/** How many rows a block's column of a fixed-width format holds, from its bytes. */
export function rowsOf(format: string, data: Uint8Array): number {
  if (format === 'bool') return data.length;
  if (data.length === 0) return 0;
  const width = data[data.length - 1]!;
  if (format === 'num' || format === 'days') return (data.length - 1) / width;
  if (format === 'codes' || format.startsWith('size:')) return (data.length - 1 - codesStart(new DataView(data.buffer, data.byteOffset, data.byteLength).getUint32(0, true))) / width;
  throw new Error(`finder: the rows of a ${format} column are not counted from its bytes`);
}

function widenNumbers(src: Int16Array | Int32Array, missing: number, out: Float64Array, at: number): void {
  for (let i = 0; i < src.length; i++) {
    const v = src[i]!;
    out[at + i] = v === missing ? NaN : v;
  }
}

/** A block's codes as the chunk's: `map[c]` for code c, -1 for the missing code (`map[none]` is -1). */
function remapCodes(src: Uint8Array | Uint16Array | Int32Array, missing: number, map: Int32Array, none: number, codes: Int32Array, row: number): void {
  for (let i = 0; i < src.length; i++) {
    const c = src[i]!;
    codes[row + i] = map[c === missing ? none : c]!;
  }
}

/** `n` values of a typed array type at `start` of some bytes: a view when aligned, else a copy. */
function typedAt<T extends Int16Array | Uint16Array | Int32Array>(Type: { new (b: ArrayBuffer, o: number, n: number): T; new (n: number): T; BYTES_PER_ELEMENT: number }, p: Uint8Array, start: number, n: number): T {
  const offset = p.byteOffset + start;
  if (offset % Type.BYTES_PER_ELEMENT === 0) return new Type(p.buffer as ArrayBuffer, offset, n);
  const copy = new Type(n);
  new Uint8Array(copy.buffer).set(p.subarray(start, start + n * Type.BYTES_PER_ELEMENT));
  return copy;
}

/**
 * The columns of consecutive blocks as one column (`parts[k]` holds `sizes[k]` rows), as the
 * evaluator reads it: Float64Array, Uint8Array, a dictionary column, an array of string lists,
 * or (ids) an array of strings.
 */
export function decodeColumns(format: string, parts: readonly Uint8Array[], sizes: readonly number[]): Column | string[] {
  const total = sizes.reduce((a, b) => a + b, 0);
  switch (format) {
    case 'num':
    case 'days': {
      const out = new Float64Array(total);
      const bytes = bytesOf(out);
      let at = 0;
      for (const p of parts) {
        if (p.length === 0) continue;
        const width = p[p.length - 1]!;
        const n = (p.length - 1) / width;
        if (width === 8) bytes.set(p.subarray(0, n * 8), at * 8);
        else {
          // One loop per width, so that each reads one array type.
          if (width === 4) widenNumbers(typedAt(Int32Array, p, 0, n), -2147483648, out, at);
          else widenNumbers(typedAt(Int16Array, p, 0, n), -32768, out, at);
        }
        at += n;
      }
      return out;
    }
    case 'bool': {
      const out = new Uint8Array(total);
      let at = 0;
      for (const p of parts) {
        out.set(p, at);
        at += p.length;
      }
      return out;
    }
    case 'json':
    case 'ids': {
      const all: unknown[] = [];
      for (const p of parts)
        if (p.length > 0) {
          const text = Buffer.from(p.buffer, p.byteOffset, p.byteLength).toString(format === 'ids' ? 'latin1' : 'utf8');
          for (const v of format === 'ids' ? text.split(',') : (JSON.parse(text) as unknown[])) all.push(v);
        }
      return all as string[];
    }
    default: {
      if (format !== 'codes' && !format.startsWith('size:')) throw new Error(`finder: unknown block column format ${format}`);
      const codes = new Int32Array(total);
      const dict: string[] = [];
      const index = new Map<string, number>();
      // Each distinct block dictionary (its bytes) mapped once: the block's codes to the chunk's, -1 last for missing.
      const maps = new Map<string, Int32Array>();
      let row = 0;
      for (const p of parts) {
        if (p.length === 0) continue;
        const bytes = p instanceof Buffer ? p : Buffer.from(p.buffer, p.byteOffset, p.byteLength);
        const length = (bytes[0]! | (bytes[1]! << 8) | (bytes[2]! << 16) | (bytes[3]! << 24)) >>> 0;
        const key = bytes.toString('latin1', 4, 4 + length);
        let map = maps.get(key);
        if (!map) {
          const local = JSON.parse(bytes.toString('utf8', 4, 4 + length)) as string[];
          map = new Int32Array(local.length + 1).fill(-1);
          for (let c = 0; c < local.length; c++) {
            const v = local[c]!;
            let g = index.get(v);
            if (g === undefined) index.set(v, (g = dict.push(v) - 1));
            map[c] = g;
          }
          maps.set(key, map);
        }
        const start = codesStart(length);
        const width = p[p.length - 1]!;
        const n = (p.length - 1 - start) / width;
        const none = map.length - 1;
        // One loop per width, so that each reads one array type.
        if (width === 1) remapCodes(p.subarray(start, start + n), 0xff, map, none, codes, row);
        else if (width === 2) remapCodes(typedAt(Uint16Array, p, start, n), 0xffff, map, none, codes, row);
        else remapCodes(typedAt(Int32Array, p, start, n), -1, map, none, codes, row);
        row += n;
      }
      return { codes, dict } satisfies DictionaryColumn;
    }
  }
}

/** The rows `keep` of a column (in that order). */
export function gather<C extends Column | string[]>(col: C, keep: Int32Array | readonly number[]): C {
  const n = keep.length;
  if (col instanceof Float64Array) {
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = col[keep[i]!]!;
    return out as C;
  }
  if (col instanceof Uint8Array) {
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i++) out[i] = col[keep[i]!]!;
    return out as C;
  }
  if (Array.isArray(col)) {
    const out = new Array(n);
    for (let i = 0; i < n; i++) out[i] = col[keep[i]!];
    return out as C;
  }
  const d = col as DictionaryColumn;
  const codes = new Int32Array(n);
  for (let i = 0; i < n; i++) codes[i] = d.codes[keep[i]!]!;
  return { codes, dict: d.dict } as C;
}
