/**
 * Columnar populations: one typed array per variable, with missing markers, so that a million
 * subjects fit in memory and the compiled evaluator can stream through them in batches.
 */
import { formatDate, parseDate } from './calendar.js';
import type { Catalog } from './catalog.js';
import { RuleError } from './errors.js';
import { coerceFact, makeEnv, receivedFrom } from './interpreter.js';
import type { EvaluationInput } from './types.js';

/** Missing marker of boolean columns (0 = false, 1 = true). */
export const MISSING_BOOL = 2;

/**
 * A column. number/integer/money/date → Float64Array (dates as day numbers since 1970-01-01;
 * NaN = missing); boolean → Uint8Array (0, 1, MISSING_BOOL); string/enum/region → array of
 * string or null; string_list → array of string arrays or null.
 */
export type Column = Float64Array | Uint8Array | readonly (string | null)[] | readonly (readonly string[] | null)[] | DictionaryColumn;

/**
 * A string/enum/region column as dictionary codes (as PostgreSQL enums or Arrow dictionary
 * arrays give them): row i holds `dict[codes[i]]`, or is missing when the code is -1. Conditions
 * on such a column are computed once per distinct value, not once per row.
 */
export interface DictionaryColumn {
  readonly codes: Int32Array;
  readonly dict: readonly string[];
}

export function isDictionaryColumn(c: Column): c is DictionaryColumn {
  return !Array.isArray(c) && !(c instanceof Float64Array) && !(c instanceof Uint8Array);
}

/** Encodes a plain string column as a dictionary column. */
export function toDictionaryColumn(values: readonly (string | null)[]): DictionaryColumn {
  const index = new Map<string, number>();
  const dict: string[] = [];
  const codes = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === null || v === undefined) {
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
  return { codes, dict };
}

export interface Population {
  readonly size: number;
  readonly columns: Readonly<Record<string, Column>>;
  /**
   * Fen already received up to the evaluation date, keyed `<item>|year`, `<item>|ever` or
   * `<item>|product`, and grant counts keyed `<item>|grants` and `<item>|grants_product` (for
   * once-per rules and exclusions). An absent column means nothing recorded (as an absent history does).
   */
  readonly received?: Readonly<Record<string, Float64Array>>;
}

/** The received columns a catalogue can read, per item: fen (year, ever, product) and grant counts. */
export const RECEIVED_PERIODS = ['year', 'ever', 'product', 'grants', 'grants_product'] as const;

export function emptyColumn(catalog: Catalog, name: string, size: number): Column {
  const spec = catalog.variables.get(name);
  if (!spec) throw new RuleError({ message: `unknown variable "${name}"` });
  switch (spec.type) {
    case 'boolean':
      return new Uint8Array(size).fill(MISSING_BOOL);
    case 'integer':
    case 'number':
    case 'money':
    case 'date':
      return new Float64Array(size).fill(NaN);
    default:
      return new Array<null>(size).fill(null);
  }
}

/** Builds a population from per-subject inputs (tests, small runs); all inputs must share the evaluation date. */
export function populationFromInputs(catalog: Catalog, inputs: readonly EvaluationInput[]): Population {
  const size = inputs.length;
  const columns: Record<string, Column> = {};
  for (const name of catalog.variables.keys()) columns[name] = emptyColumn(catalog, name, size);
  const received: Record<string, Float64Array> = {};
  inputs.forEach((input, i) => {
    const env = makeEnv(catalog, input);
    for (const [name, v] of env.facts) {
      const col = columns[name]!;
      if (col instanceof Float64Array) col[i] = v as number;
      else if (col instanceof Uint8Array) col[i] = v ? 1 : 0;
      else (col as unknown[])[i] = v;
    }
    for (const item of catalog.items.keys())
      for (const p of RECEIVED_PERIODS) {
        const r = receivedFrom(env, item, p);
        if (r !== 0) (received[`${item}|${p}`] ??= new Float64Array(size))[i] = r;
      }
  });
  return { size, columns, received };
}

/** The facts of one row, as an evaluation input would give them (dates back to YYYY-MM-DD). */
export function rowFacts(catalog: Catalog, pop: Population, row: number): Record<string, unknown> {
  const facts: Record<string, unknown> = {};
  for (const [name, col] of Object.entries(pop.columns)) {
    const spec = catalog.variables.get(name);
    if (!spec) continue;
    if (isDictionaryColumn(col)) {
      const c = col.codes[row]!;
      if (c >= 0) facts[name] = col.dict[c];
      continue;
    }
    const v = col[row];
    if (col instanceof Float64Array) {
      if (!Number.isNaN(v as number)) facts[name] = spec.type === 'date' ? formatDate(v as number) : v;
    } else if (col instanceof Uint8Array) {
      if (v !== MISSING_BOOL) facts[name] = v === 1;
    } else if (v !== null && v !== undefined) facts[name] = v;
  }
  return facts;
}

/**
 * Columns already checked (by identity), with the variable specs they were checked against (by
 * content): a population is checked once, not on every run over it, nor again for another
 * catalogue (a draft and the published version) whose variable is the same.
 */
const checkedColumns = new WeakMap<object, Set<string>>();
const specKeys = new WeakMap<object, string>();
const specKey = (spec: object): string => {
  let key = specKeys.get(spec);
  if (key === undefined) specKeys.set(spec, (key = JSON.stringify(spec, (k, v: unknown) => (k === 'file' ? undefined : v))));
  return key;
};
const markChecked = (key: object, spec: object) => {
  let specs = checkedColumns.get(key);
  if (!specs) checkedColumns.set(key, (specs = new Set()));
  specs.add(specKey(spec));
};

/**
 * Checks that each column (of the given variables, or all) has the array type its variable
 * needs, the population's length, and valid cells. Columns are treated as immutable once given.
 */
export function checkPopulation(catalog: Catalog, pop: Population, only?: ReadonlySet<string>): void {
  for (const [name, col] of Object.entries(pop.columns)) {
    if (only && !only.has(name) && catalog.variables.has(name)) continue;
    const key: object = isDictionaryColumn(col) ? col.codes : col;
    const spec = catalog.variables.get(name);
    if (!spec) throw new RuleError({ path: `/columns/${name}`, message: `unknown variable "${name}"` });
    if (checkedColumns.get(key)?.has(specKey(spec)) && col !== undefined && (isDictionaryColumn(col) ? col.codes.length : col.length) === pop.size) continue;
    const numeric = spec.type === 'integer' || spec.type === 'number' || spec.type === 'money' || spec.type === 'date';
    const dictOk = isDictionaryColumn(col) && (spec.type === 'string' || spec.type === 'enum' || spec.type === 'region');
    const ok = numeric ? col instanceof Float64Array : spec.type === 'boolean' ? col instanceof Uint8Array : Array.isArray(col) || dictOk;
    if (!ok) throw new RuleError({ path: `/columns/${name}`, message: `column "${name}" of type ${spec.type} must be ${numeric ? 'a Float64Array' : spec.type === 'boolean' ? 'a Uint8Array' : 'an array or a dictionary column'}` });
    if (isDictionaryColumn(col)) {
      if (col.codes.length !== pop.size) throw new RuleError({ path: `/columns/${name}`, value: col.codes.length, message: `column "${name}" has ${col.codes.length} rows, the population has ${pop.size}` });
      for (const v of col.dict) checkStringCell(catalog, name, v);
      for (let i = 0; i < col.codes.length; i++) {
        const c = col.codes[i]!;
        if (c < -1 || c >= col.dict.length) throw new RuleError({ path: `/columns/${name}/${i}`, value: c, message: `dictionary code out of range` });
      }
      markChecked(key, spec);
      continue;
    }
    if (col.length !== pop.size) throw new RuleError({ path: `/columns/${name}`, value: col.length, message: `column "${name}" has ${col.length} rows, the population has ${pop.size}` });
    checkCells(catalog, name, spec.type, col);
    markChecked(key, spec);
  }
}

/** Wrong values in a column are errors naming the variable, the row and the value, never a silent false. */
function checkCells(catalog: Catalog, name: string, type: string, col: Column): void {
  const bad = (row: number, value: unknown, expected: string): RuleError =>
    new RuleError({ path: `/columns/${name}/${row}`, value, message: `variable "${name}" expects ${expected}` });
  if (col instanceof Float64Array) {
    if (type === 'number') return;
    for (let i = 0; i < col.length; i++) {
      const v = col[i]!;
      if (v === v && !Number.isInteger(v)) throw bad(i, v, type === 'date' ? 'a day number' : type === 'money' ? 'an integer amount in fen' : 'an integer');
    }
  } else if (col instanceof Uint8Array) {
    for (let i = 0; i < col.length; i++) if (col[i]! > MISSING_BOOL) throw bad(i, col[i], `0, 1 or ${MISSING_BOOL} (missing)`);
  } else if (Array.isArray(col)) {
    // Distinct values are few in practice; each is checked once.
    const seen = new Set<unknown>();
    for (let i = 0; i < col.length; i++) {
      const v: unknown = col[i];
      if (v === null || v === undefined || seen.has(v)) continue;
      try {
        checkStringCell(catalog, name, v);
      } catch {
        throw bad(i, v, `a valid ${type}`);
      }
      seen.add(v);
    }
  }
}

/** Validates a value of a string column the way an input fact is validated. */
export function checkStringCell(catalog: Catalog, name: string, v: unknown): void {
  const spec = catalog.variables.get(name);
  if (spec && v !== null) coerceFact(name, spec, v);
}

export { parseDate };
