/**
 * Registered subjects as columnar populations for the compiled evaluator: only the variables
 * the evaluated items read are loaded, each as the typed column the evaluator reads (stored so in
 * the column blocks, finder.blocks.ts); the size class is read as computed from its inputs when
 * the block was stored. Rows are grouped by district so that a simulation reports cost per district.
 */
import { emptyColumn, isDictionaryColumn, itemReads, MISSING_BOOL, type Catalog, type Column, type Population } from '@seedbed/rules';
import { gather, SIZE_CLASS_COLUMN } from './finder.blocks.js';
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

export interface DistrictChunk {
  region: string;
  population: Population;
  subjectIds: string[];
}

/** Splits a chunk of subjects (read as columns) into one population per district. */
export function districtPopulations(catalog: Catalog, chunk: SubjectColumns, variables: readonly string[]): DistrictChunk[] {
  const n = chunk.size;
  // Each row's district: its own region, else its region fact, else 'unknown'; as a group number.
  const groupOf = new Int32Array(n);
  const keys: string[] = [];
  const keyIndex = new Map<string, number>();
  const groupFor = (key: string) => {
    let g = keyIndex.get(key);
    if (g === undefined) {
      g = keys.length;
      keys.push(key);
      keyIndex.set(key, g);
    }
    return g;
  };
  const own = chunk.regions;
  const ownGroup = own.dict.map(groupFor);
  const fact = chunk.columns.region;
  const factGroup = fact && isDictionaryColumn(fact) ? fact.dict.map(groupFor) : null;
  for (let i = 0; i < n; i++) {
    const c = own.codes[i]!;
    if (c >= 0) groupOf[i] = ownGroup[c]!;
    else {
      const f = fact && isDictionaryColumn(fact) ? fact.codes[i]! : -1;
      groupOf[i] = f >= 0 ? factGroup![f]! : groupFor('unknown');
    }
  }
  const counts = new Int32Array(keys.length);
  for (let i = 0; i < n; i++) counts[groupOf[i]!]!++;
  const rowsOf = Array.from(counts, (c) => new Int32Array(c));
  const fill = new Int32Array(keys.length);
  for (let i = 0; i < n; i++) {
    const g = groupOf[i]!;
    rowsOf[g]![fill[g]!++] = i;
  }
  const out: DistrictChunk[] = [];
  keys.forEach((region, g) => {
    const rows = rowsOf[g]!;
    const size = rows.length;
    // A region of the chunk's dictionaries whose subjects were all left out (the demo's).
    if (size === 0) return;
    const whole = size === n;
    const columns: Record<string, Column> = {};
    for (const name of variables) {
      const source = chunk.columns[name === 'size_class' ? SIZE_CLASS_COLUMN : name];
      columns[name] = source === undefined ? emptyColumn(catalog, name, size) : whole ? source : gather(source, rows);
    }
    out.push({ region, population: { size, columns }, subjectIds: chunk.ids.length > 0 ? Array.from(rows, (r) => chunk.ids[r]!) : [] });
  });
  return out;
}

export { MISSING_BOOL };
