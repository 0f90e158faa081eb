/**
 * The binary form of the finder's column blocks (issue #23): each variable of a block is stored
 * as the bytes of the column the compiled evaluator reads, so that a population job copies bytes
 * instead of parsing values.
 *
 * | format  | for                                   | bytes                                                     |
 * |---------|---------------------------------------|-----------------------------------------------------------|
 * | `f64`   | integer, number, money                | float64 per row, NaN when missing                          |
 * | `day`   | date                                  | float64 day number (since 1970-01-01) per row, NaN missing |
 * | `bool`  | boolean, the demo flag                | one byte per row: 0, 1, or MISSING_BOOL                    |
 * | `dict`  | string, enum, region, a subject's region | u32 length of the dictionary's JSON, the JSON, padding to 4, int32 code per row (-1 missing) |
 * | `size:…`| the size class computed from its inputs | as `dict`                                                |
 * | `json`  | string_list                           | the JSON text of the column (an array of string lists or null) |
 * | `ids`   | the subject ids                       | the ids joined by commas, UTF-8                            |
 *
 * A value the evaluator would not accept for the variable's type (a number given as text, an
 * impossible date, an object) is stored as missing, as the evaluator's columns always held it.
 * Numbers are in the host's byte order; every supported host (x86-64, arm64) is little-endian.
 */
import { createHash } from 'node:crypto';
import { endianness } from 'node:os';
import { MISSING_BOOL, parseDate, type Catalog, type Column, type DictionaryColumn } from '@seedbed/rules';
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
const SIZE_FORMAT = `size:${createHash('sha256').update(`${SIZE_CLASS_REVISION}|${JSON.stringify(SECTOR_RULES)}`).digest('hex').slice(0, 16)}`;

/** How a block column is stored, by its name ('#ids', '#regions', '#demo', '#size_class' or a variable). */
export function formatOf(catalog: Catalog, name: string): string {
  switch (name) {
    case '#ids':
      return 'ids';
    case '#regions':
      return 'dict';
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
      return 'f64';
    case 'date':
      return 'day';
    case 'boolean':
      return 'bool';
    case 'string':
    case 'enum':
    case 'region':
      return 'dict';
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

function encodeDictionary(values: readonly unknown[]): Uint8Array {
  const index = new Map<string, number>();
  const dict: string[] = [];
  const codes = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (typeof v !== 'string') {
      codes[i] = -1;
      continue;
    }
    let c = index.get(v);
    if (c === undefined) {
      c = dict.length;
      dict.push(v);
      index.set(v, c);
    }
    codes[i] = c;
  }
  const text = Buffer.from(JSON.stringify(dict), 'utf8');
  const start = 4 + text.length + ((4 - (text.length % 4)) % 4);
  const out = new Uint8Array(start + codes.byteLength);
  new DataView(out.buffer).setUint32(0, text.length, true);
  out.set(text, 4);
  out.set(bytesOf(codes), start);
  return out;
}

/**
 * One block's column in its format, from the values as stored (the parsed JSON of each
 * subject's fact, null when it has none). `inputs` are the size class's facts for SIZE_FORMAT.
 */
export function encodeColumn(format: string, values: readonly unknown[], inputs?: Readonly<Record<(typeof SIZE_INPUTS)[number], readonly unknown[]>>): Uint8Array {
  const n = values.length;
  switch (format) {
    case 'f64': {
      const col = new Float64Array(n).fill(NaN);
      for (let i = 0; i < n; i++) {
        const v = values[i];
        if (typeof v === 'number' && Number.isFinite(v)) col[i] = v;
      }
      return bytesOf(col);
    }
    case 'day': {
      const col = new Float64Array(n).fill(NaN);
      for (let i = 0; i < n; i++) {
        const v = values[i];
        const d = typeof v === 'string' ? dayOf(v) : undefined;
        if (d !== undefined) col[i] = d;
      }
      return bytesOf(col);
    }
    case 'bool': {
      const col = new Uint8Array(n).fill(MISSING_BOOL);
      for (let i = 0; i < n; i++) {
        const v = values[i];
        if (typeof v === 'boolean') col[i] = v ? 1 : 0;
      }
      return col;
    }
    case 'dict':
      return encodeDictionary(values);
    case 'json':
      return Buffer.from(JSON.stringify(values.map((v) => (Array.isArray(v) ? v.map(String) : null))), 'utf8');
    case 'ids':
      return Buffer.from(values.join(','), 'utf8');
    default: {
      if (format !== SIZE_FORMAT || !inputs) throw new Error(`finder: unknown block column format ${format}`);
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

/** How many rows a block's column holds (from a fixed-width format's bytes). */
export function rowsOf(format: string, data: Uint8Array): number {
  if (format === 'bool') return data.length;
  if (format === 'f64' || format === 'day') return data.length / 8;
  if (format === 'dict' || format.startsWith('size:')) {
    const length = new DataView(data.buffer, data.byteOffset, data.byteLength).getUint32(0, true);
    return (data.length - (4 + length + ((4 - (length % 4)) % 4))) / 4;
  }
  throw new Error(`finder: the rows of a ${format} column are not counted from its bytes`);
}

/**
 * The columns of consecutive blocks as one column (`parts[k]` holds `sizes[k]` rows), as the
 * evaluator reads it: Float64Array, Uint8Array, a dictionary column, an array of string lists,
 * or (ids) an array of strings.
 */
export function decodeColumns(format: string, parts: readonly Uint8Array[], sizes: readonly number[]): Column | string[] {
  const total = sizes.reduce((a, b) => a + b, 0);
  switch (format) {
    case 'f64':
    case 'day': {
      const out = new Float64Array(total);
      const bytes = bytesOf(out);
      let at = 0;
      for (const p of parts) {
        bytes.set(p, at);
        at += p.length;
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
    case 'json': {
      const out: (readonly string[] | null)[] = [];
      for (const p of parts) if (p.length > 0) for (const v of JSON.parse(Buffer.from(p.buffer, p.byteOffset, p.byteLength).toString('utf8')) as (string[] | null)[]) out.push(v);
      return out;
    }
    case 'ids': {
      const out: string[] = [];
      for (const p of parts) if (p.length > 0) for (const id of Buffer.from(p.buffer, p.byteOffset, p.byteLength).toString('latin1').split(',')) out.push(id);
      return out;
    }
    default: {
      if (format !== 'dict' && !format.startsWith('size:')) throw new Error(`finder: unknown block column format ${format}`);
      const codes = new Int32Array(total);
      const codeBytes = bytesOf(codes);
      const dict: string[] = [];
      const index = new Map<string, number>();
      let row = 0;
      for (const p of parts) {
        const length = new DataView(p.buffer, p.byteOffset, p.byteLength).getUint32(0, true);
        const local = JSON.parse(Buffer.from(p.buffer, p.byteOffset + 4, length).toString('utf8')) as string[];
        const start = 4 + length + ((4 - (length % 4)) % 4);
        const n = (p.length - start) / 4;
        codeBytes.set(p.subarray(start), row * 4);
        // The block's own codes to the chunk's.
        const map = new Int32Array(local.length);
        let same = true;
        for (let c = 0; c < local.length; c++) {
          const v = local[c]!;
          let g = index.get(v);
          if (g === undefined) {
            g = dict.length;
            dict.push(v);
            index.set(v, g);
          }
          map[c] = g;
          if (g !== c) same = false;
        }
        if (!same)
          for (let i = row; i < row + n; i++) {
            const c = codes[i]!;
            if (c >= 0) codes[i] = map[c]!;
          }
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
