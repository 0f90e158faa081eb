/**
 * Registered subjects as columnar populations for the compiled evaluator: only the variables
 * the evaluated items read are loaded, each into a typed column; the size class is computed
 * from its inputs as the profile page computes it. Rows are grouped by district so that a
 * simulation reports cost per district.
 */
import { emptyColumn, itemReads, MISSING_BOOL, parseDate, type Catalog, type Column, type Population } from '@seedbed/rules';
import { sizeClassOf } from '../subjects/index.js';
import type { SubjectColumns } from './finder.repository.js';

const SIZE_INPUTS = ['industry', 'employees', 'revenue', 'total_assets'] as const;

/** The variables the items read (and, for the size class, the facts it is computed from). */
export function variablesRead(catalog: Catalog, itemIds: readonly string[]): { rule: string[]; stored: string[] } {
  const names = new Set<string>();
  for (const id of itemIds) {
    const item = catalog.items.get(id);
    if (item) for (const name of itemReads(item.spec)) names.add(name);
  }
  const rule = [...names].filter((n) => catalog.variables.has(n));
  const stored = new Set(rule.filter((n) => n !== 'size_class'));
  if (names.has('size_class')) for (const n of SIZE_INPUTS) stored.add(n);
  return { rule, stored: [...stored] };
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

function setCell(col: Column, i: number, type: string, v: unknown): void {
  if (v === null || v === undefined || (typeof v === 'object' && !Array.isArray(v))) return;
  if (col instanceof Float64Array) {
    if (type === 'date') {
      const d = typeof v === 'string' ? dayOf(v) : undefined;
      if (d !== undefined) col[i] = d;
    } else if (typeof v === 'number' && Number.isFinite(v)) col[i] = v;
  } else if (col instanceof Uint8Array) {
    if (typeof v === 'boolean') col[i] = v ? 1 : 0;
  } else if (type === 'string_list') {
    if (Array.isArray(v)) (col as (readonly string[] | null)[])[i] = v.map(String);
  } else if (typeof v === 'string') (col as (string | null)[])[i] = v;
}

export interface DistrictChunk {
  region: string;
  population: Population;
  subjectIds: string[];
}

/** Splits a chunk of subjects (read as columns) into one population per district. */
export function districtPopulations(catalog: Catalog, chunk: SubjectColumns, variables: readonly string[]): DistrictChunk[] {
  const groups = new Map<string, number[]>();
  const regionFacts = chunk.values.region;
  for (let i = 0; i < chunk.size; i++) {
    const fact = regionFacts?.[i];
    const region = chunk.regions[i] ?? (typeof fact === 'string' ? fact : null) ?? 'unknown';
    let g = groups.get(region);
    if (!g) groups.set(region, (g = []));
    g.push(i);
  }
  const out: DistrictChunk[] = [];
  const wantSize = variables.includes('size_class');
  const none: unknown[] = [];
  const input = (name: string) => chunk.values[name] ?? none;
  const [industry, employees, revenue, totalAssets] = SIZE_INPUTS.map(input) as [unknown[], unknown[], unknown[], unknown[]];
  for (const [region, rows] of groups) {
    const size = rows.length;
    const columns: Record<string, Column> = {};
    for (const name of variables) {
      const col = (columns[name] = emptyColumn(catalog, name, size));
      if (name === 'size_class') continue;
      const type = catalog.variables.get(name)!.type;
      const source = input(name);
      for (let i = 0; i < size; i++) setCell(col, i, type, source[rows[i]!]);
    }
    if (wantSize) {
      const sizeClass = columns.size_class as (string | null)[];
      for (let i = 0; i < size; i++) {
        const r = rows[i]!;
        const value = sizeClassOf({
          industry: (industry[r] ?? undefined) as string | undefined,
          employees: (employees[r] ?? undefined) as number | undefined,
          revenue: (revenue[r] ?? undefined) as number | undefined,
          total_assets: (totalAssets[r] ?? undefined) as number | undefined,
        });
        if (value) sizeClass[i] = value;
      }
    }
    out.push({ region, population: { size, columns }, subjectIds: chunk.ids.length > 0 ? rows.map((r) => chunk.ids[r]!) : [] });
  }
  return out;
}

export { MISSING_BOOL };
