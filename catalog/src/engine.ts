/**
 * The bridge to `@seedbed/rules`: parses the shared variables file and every items.yaml with the
 * engine's schema, compiles them into one Catalog, and runs every items.cases.yaml on both
 * evaluators with `runCases`.
 */
import { compileCatalog, parseRuleFile, RuleError, runCases, type CaseResult, type CaseSpec, type Catalog, type RuleFileContent } from '@seedbed/rules';
import type { CatalogData } from './load.js';
import type { CatalogProblem } from './types.js';

export interface CompiledRules {
  catalog: Catalog | null;
  files: RuleFileContent[];
  cases: CaseSpec[];
  problems: CatalogProblem[];
}

function fromRuleError(e: unknown, fallbackFile: string): CatalogProblem[] {
  if (e instanceof RuleError)
    return e.problems.map((p) => ({
      file: p.file ?? fallbackFile,
      path: [p.line !== undefined ? `line ${p.line}:${p.column ?? 1}` : '', p.item ? `item ${p.item}` : '', p.criterion ? `criterion ${p.criterion}` : '', p.path ?? '']
        .filter(Boolean)
        .join(' '),
      message: p.value === undefined ? p.message : `${p.message} (value: ${JSON.stringify(p.value)})`,
    }));
  return [{ file: fallbackFile, path: '', message: e instanceof Error ? e.message : String(e) }];
}

/** Compiles the shared variables with every document's rules, or only those of `only` (document keys). */
export function compileRules(data: CatalogData, only?: readonly string[]): CompiledRules {
  const problems: CatalogProblem[] = [];
  const files: RuleFileContent[] = [];
  const cases: CaseSpec[] = [];
  const parse = (file: string, text: string): RuleFileContent | null => {
    try {
      return parseRuleFile(text, file);
    } catch (e) {
      problems.push(...fromRuleError(e, file));
      return null;
    }
  };
  if (data.variablesFile) {
    const f = parse(data.variablesFile.file, data.variablesFile.text);
    if (f) files.push(f);
  }
  for (const d of data.documents) {
    if (only && !only.includes(d.key)) continue;
    if (d.rules) {
      const f = parse(d.rules.file, d.rules.text);
      if (f) files.push(f);
    }
    if (d.cases) {
      const f = parse(d.cases.file, d.cases.text);
      if (f) cases.push(...(f.cases ?? []));
    }
  }
  let catalog: Catalog | null = null;
  try {
    catalog = compileCatalog(files);
  } catch (e) {
    problems.push(...fromRuleError(e, 'catalog'));
  }
  return { catalog, files, cases, problems };
}

export interface CaseRun {
  available: boolean;
  reason?: string;
  passed: number;
  results: CaseResult[];
  /** One line per failed case and evaluator. */
  failures: string[];
}

/** Runs every case of the catalogue on both evaluators; `available` is false when the rules do not compile. */
export function runAllCases(data: CatalogData, compiled: CompiledRules = compileRules(data)): CaseRun {
  if (!compiled.catalog) {
    return { available: false, reason: `${compiled.problems.length} rule problems (规则文件有误)`, passed: 0, results: [], failures: [] };
  }
  const results = runCases(compiled.catalog, compiled.cases);
  const failures = results.filter((r) => !r.passed).map((r) => `[${r.evaluator}] ${r.item} — ${r.name}: ${r.diff.join('; ')}`);
  return { available: true, passed: results.filter((r) => r.passed).length, results, failures };
}
