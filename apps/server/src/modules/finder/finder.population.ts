/**
 * Registered subjects as columnar populations for the compiled evaluator: only the variables
 * the evaluated items read are loaded, each as the typed column the evaluator reads (stored so in
 * the column blocks, finder.blocks.ts); the size class is read as computed from its inputs when
 * the block was stored. Each row's district goes with it, so that a simulation reports cost per
 * district from one evaluation of the chunk.
 */
import { emptyColumn, isDictionaryColumn, itemReads, MISSING_BOOL, type Catalog, type Column, type Population } from '@seedbed/rules';
import { SIZE_CLASS_COLUMN } from './finder.blocks.js';
import type { SubjectColumns } from './finder.repository.js';

/**
 * The variables the items read (`rule`) and the block columns they are read from (`stored`: the
 * same names, the size class's column in place of the size class).
 */
export function variablesRead(catalog: Catalog, itemIds: readonly string[]): { rule: string[]; stored: string[] } {
  const names = new Set<string>();
  for (const id of itemIds) {
    const item = catalog.items.get(id);
    if (item) for (const name of itemReads(item.spec)) names.add(name);
  }
  const rule = [...names].filter((n) => catalog.variables.has(n));
  return { rule, stored: rule.map((n) => (n === 'size_class' ? SIZE_CLASS_COLUMN : n)) };
}

/** A chunk of subjects as one population for the evaluator, with each row's district. */
export interface ChunkPopulation {
  population: Population;
  /** The districts (GB/T 2260 codes, or 'unknown'); row i is in `districts[groupOf[i]]`. */
  districts: string[];
  groupOf: Int32Array;
}

/**
 * A chunk of subjects (read as columns) as one population of the variables the items read (the
 * chunk's own columns, not copies), and each row's district for the evaluator's per-group
 * tallies: its own region, else its region fact, else 'unknown'.
 */
export function chunkPopulation(catalog: Catalog, chunk: SubjectColumns, variables: readonly string[]): ChunkPopulation {
  const n = chunk.size;
  const groupOf = new Int32Array(n);
  const districts: string[] = [];
  const index = new Map<string, number>();
  const groupFor = (key: string) => {
    let g = index.get(key);
    if (g === undefined) {
      g = districts.length;
      districts.push(key);
      index.set(key, g);
    }
    return g;
  };
  const own = chunk.regions;
  const ownGroup = own.dict.map(groupFor);
  const fact = chunk.columns.region;
  const factCodes = fact && isDictionaryColumn(fact) ? fact : null;
  const factGroup = factCodes ? factCodes.dict.map(groupFor) : null;
  for (let i = 0; i < n; i++) {
    const c = own.codes[i]!;
    if (c >= 0) groupOf[i] = ownGroup[c]!;
    else {
      const f = factCodes ? factCodes.codes[i]! : -1;
      groupOf[i] = f >= 0 ? factGroup![f]! : groupFor('unknown');
    }
  }
  const columns: Record<string, Column> = {};
  for (const name of variables) columns[name] = chunk.columns[name === 'size_class' ? SIZE_CLASS_COLUMN : name] ?? emptyColumn(catalog, name, n);
  return { population: { size: n, columns }, districts, groupOf };
}

export { MISSING_BOOL };
