/**
 * @seedbed/catalog — the policy catalogue: source documents, their measures, benefit items (rule
 * files for @seedbed/rules), targets and tasks. `loadCatalog()` reads and validates everything and
 * throws a CatalogError naming file and path for every problem.
 */
import type { Catalog } from '@seedbed/rules';
import { compileRules } from './engine.js';
import { lintCatalog } from './lint.js';
import { flatten, readCatalog, type CatalogData, type ItemEntry, type MeasureEntry, type TargetEntry, type TaskEntry } from './load.js';
import type { CatalogProblem, DocumentFile } from './types.js';

export { RENAMED_VARIABLES, RETIRED_VARIABLES, underCurrentNames } from './renamed.js';
export { renderingProblems, vocabularyOf, type Vocabulary } from './plain-text.js';

export class CatalogError extends Error {
  readonly problems: readonly CatalogProblem[];
  constructor(problems: readonly CatalogProblem[]) {
    super(`${problems.length} catalogue problem(s):\n` + problems.map((p) => `  - ${p.file}${p.path ? ` ${p.path}` : ''}: ${p.message}`).join('\n'));
    this.name = 'CatalogError';
    this.problems = problems;
  }
}

export interface LoadedCatalog {
  root: string;
  documents: (DocumentFile & { dir: string })[];
  measures: MeasureEntry[];
  items: ItemEntry[];
  targets: TargetEntry[];
  tasks: TaskEntry[];
  /** The compiled rules: what the finder and the calculator evaluate. */
  rules: Catalog;
  /** The source texts by file name. */
  sources: ReadonlyMap<string, string>;
}

/** Reads, validates and compiles the catalogue in `dir` (default: this package). Throws CatalogError on any problem. */
export function loadCatalog(dir?: string): LoadedCatalog {
  const data: CatalogData = readCatalog(dir);
  const compiled = compileRules(data);
  const problems = [...lintCatalog(data), ...compiled.problems];
  if (problems.length > 0 || !compiled.catalog) throw new CatalogError(problems);
  const flat = flatten(data);
  return {
    root: data.root,
    documents: data.documents.flatMap((d) => (d.data ? [{ ...d.data, dir: d.dir }] : [])),
    ...flat,
    rules: compiled.catalog,
    sources: data.sources,
  };
}

export { readCatalog, flatten, DEFAULT_CATALOG_DIR } from './load.js';
export type { CatalogData, LoadedDocument, ItemEntry, MeasureEntry, TargetEntry, TaskEntry } from './load.js';
export { lintCatalog, CATALOGUE_REGIONS, declaredVariables, itemVariables } from './lint.js';
export type { VariableView } from './lint.js';
export { compileRules, runAllCases } from './engine.js';
export type { CompiledRules, CaseRun } from './engine.js';
export { buildReport } from './report.js';
export type { CatalogReport, DocumentCounts, UnitCounts } from './report.js';
export { quoteOccurs, squeeze } from './quotes.js';
export type * from './types.js';
export { declaredVariableRegistry, variableRegistry } from './registry.js';
export type { RegisteredVariable } from './registry.js';
