/**
 * Registered subjects as columnar populations for the compiled evaluator: only the variables
 * the evaluated items read are loaded, each into a typed column; the size class is computed
 * from its inputs as the profile page computes it. Rows are grouped by district so that a
 * simulation reports cost per district.
 */
import { emptyColumn, itemReads, MISSING_BOOL, parseDate, type Catalog, type Column, type Population } from '@seedbed/rules';
import { classifySize } from '../subjects/index.js';
import type { SubjectChunkRow } from './finder.repository.js';

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

function setCell(col: Column, i: number, type: string, v: unknown): void {
  if (v === null || v === undefined || (typeof v === 'object' && !Array.isArray(v))) return;
  if (col instanceof Float64Array) {
    if (type === 'date') {
      const d = typeof v === 'string' ? parseDate(v) : undefined;
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

/** Splits a chunk of subjects into one population per district. */
export function districtPopulations(catalog: Catalog, rows: readonly SubjectChunkRow[], variables: readonly string[]): DistrictChunk[] {
  const groups = new Map<string, SubjectChunkRow[]>();
  for (const r of rows) {
    const region = r.region_code ?? (typeof r.facts?.region === 'string' ? r.facts.region : null) ?? 'unknown';
    let g = groups.get(region);
    if (!g) groups.set(region, (g = []));
    g.push(r);
  }
  const out: DistrictChunk[] = [];
  const wantSize = variables.includes('size_class');
  for (const [region, group] of groups) {
    const size = group.length;
    const columns: Record<string, Column> = {};
    for (const name of variables) columns[name] = emptyColumn(catalog, name, size);
    const specs = variables.map((name) => [name, catalog.variables.get(name)!.type, columns[name]!] as const);
    for (let i = 0; i < size; i++) {
      const facts = group[i]!.facts ?? {};
      for (const [name, type, col] of specs) {
        if (name === 'size_class') continue;
        setCell(col, i, type, facts[name]);
      }
      if (wantSize) {
        const verdict = classifySize({
          industry: facts.industry as string | undefined,
          employees: facts.employees as number | undefined,
          revenue: facts.revenue as number | undefined,
          total_assets: facts.total_assets as number | undefined,
        });
        if (verdict.value) (columns.size_class as (string | null)[])[i] = verdict.value;
      }
    }
    out.push({ region, population: { size, columns }, subjectIds: group.map((g) => g.id) });
  }
  return out;
}

export { MISSING_BOOL };
